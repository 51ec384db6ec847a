import { randomUUID } from 'node:crypto';
import { C0304, otherWorkTypeDescription } from '../../../shared/domain/national/dictionaries.js';
import { appointmentOf, standardOf } from '../../../shared/domain/national/national-payload.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../../http/errors.js';
import { createPlatformClient, PlatformUnavailable, type NationalPlatformClient } from './platform-client.js';

/**
 * 全国平台查重 (the platform's Verification call): before a person receives a
 * certificate here — a confirmed list, an approved filing, an approved transfer
 * in — the platform says whether that breaks the national holding rules (one B
 * certificate in the country, A/B/C in one company, no C1 beside C3 …).
 */
export type CheckSubject = {
  key: string;
  name: string;
  idNumber: string;
  category: string;
  otherWorkTypeName: string | null;
  creditCode: string | null;
  job: string | null;
  /** Empty for a new issue (01); the certificate's number for a change (09/08). */
  certNum: string;
  operateType: '01' | '09';
};

export type CheckResult = {
  key: string;
  name: string;
  status: 'passed' | 'warning' | 'refused' | 'unreachable';
  message: string;
};

const CHECK_DEADLINE_MS = 60_000;

export const CHECK_STATUS_LABELS = {
  passed: '通过',
  warning: '通过（有预警）',
  refused: '不通过',
  unreachable: '无法连接',
} as const;

let sharedClient: { config: unknown; client: NationalPlatformClient } | null = null;
/** One client per configuration and process, so its token is reused across checks. */
export function platformClientOf(deps: Pick<Deps, 'config'>): NationalPlatformClient | null {
  const cfg = deps.config.nationalPlatform;
  if (!cfg) return null;
  if (sharedClient?.config !== cfg) sharedClient = { config: cfg, client: createPlatformClient(cfg) };
  return sharedClient.client;
}

export async function checkWithPlatform(
  deps: Pick<Deps, 'config'>,
  client: NationalPlatformClient,
  subjects: CheckSubject[],
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  let down: string | null = null;
  // A decision waits for the check: however slow the platform, the screen gets an answer within a minute or so.
  const deadline = Date.now() + CHECK_DEADLINE_MS;
  for (const s of subjects) {
    const base = { key: s.key, name: s.name };
    if (!down && Date.now() > deadline) down = '全国平台响应过慢，未能在限定时间内完成查重';
    if (down) {
      results.push({ ...base, status: 'unreachable', message: down });
      continue;
    }
    const standard = standardOf(s.category);
    const eCertID = randomUUID().replace(/-/g, '');
    const body =
      standard.standard === 'C0317'
        ? {
            eCertID,
            provinceNum: deps.config.nationalIssuer.provinceNum,
            identityCard: s.idNumber,
            categoryCode: s.category,
            creditCode: s.creditCode ?? undefined,
            certNum: s.certNum,
            operateType: s.operateType,
            appointment: appointmentOf(s.category, s.job),
          }
        : {
            eCertID,
            provinceNum: deps.config.nationalIssuer.provinceNum,
            identityCard: s.idNumber,
            operationCategory: s.category,
            categoryDescription:
              s.category === '99'
                ? otherWorkTypeDescription(s.otherWorkTypeName ?? '')
                : C0304.operationCategory[s.category as '01'],
            certNum: s.certNum,
            operateType: s.operateType === '09' ? '08' : s.operateType,
          };
    try {
      const answer = await client.call(standard.standard, 'check', [body]);
      const error = answer.ReturnData?.ErrorData?.[0]?.ErrorMsg;
      const warning = answer.ReturnData?.WarnData?.[0]?.WarnMsg;
      if (answer.ReturnCode === '1') results.push({ ...base, status: 'passed', message: '全国平台查重通过' });
      else if (answer.ReturnCode === '2')
        results.push({ ...base, status: 'warning', message: warning ?? answer.ReturnMsg ?? '有预警' });
      else results.push({ ...base, status: 'refused', message: error ?? answer.ReturnMsg ?? '全国平台查重未通过' });
    } catch (err) {
      if (!(err instanceof PlatformUnavailable)) throw err;
      down = err.message;
      results.push({ ...base, status: 'unreachable', message: down });
    }
  }
  return results;
}

/**
 * The rule every decision applies: a refusal stops it (the person breaks the national
 * rules — return the request); an unreachable platform stops it unless the decider
 * gives a reason to go ahead, which the audit event keeps. Without a configured
 * platform there is nothing to ask, and the decision says so in its audit.
 */
export async function requireNationalClearance(
  deps: Pick<Deps, 'config'>,
  subjects: CheckSubject[],
  overrideReason: string | undefined,
): Promise<{ check: 'passed' | 'not_connected' | 'overridden'; overrideReason?: string }> {
  const client = platformClientOf(deps);
  if (!client || subjects.length === 0) return { check: 'not_connected' };
  const results = await checkWithPlatform(deps, client, subjects);
  const refused = results.filter((r) => r.status === 'refused');
  if (refused.length)
    throw new AppError(
      'INVALID_STATE',
      `全国平台查重未通过：${refused.map((r) => `${r.name}（${r.message}）`).join('；')}`,
      undefined,
      refused.map((r) => ({ field: 'nationalCheck', message: `${r.name}：${r.message}` })),
    );
  if (results.some((r) => r.status === 'unreachable')) {
    const reason = overrideReason?.trim();
    if (!reason || reason.length < 2)
      throw new AppError(
        'UNAVAILABLE',
        '全国平台暂时无法连接，未能完成查重。可稍后再试；确需现在办理的，请填写原因后继续（将记入审计日志）',
        'overrideReason',
      );
    return { check: 'overridden', overrideReason: reason.slice(0, 200) };
  }
  return { check: 'passed' };
}
