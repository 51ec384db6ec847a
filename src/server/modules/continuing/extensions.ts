import { and, desc, eq, sql } from 'drizzle-orm';
import { decisionPolicies } from '../../../shared/policies.js';
import { EXTENSION_MACHINE } from '../../../shared/domain/machine.js';
import { categoryLabel } from '../../../shared/domain/categories.js';
import {
  addYears,
  CERTIFICATE_STATUS_LABELS,
  currentStatus,
  extensionWindowOpens,
  validityYears,
} from '../../../shared/domain/certificate.js';
import { SECONDS_PER_STUDY_HOUR, type StudyRules } from '../../../shared/domain/study-rules.js';
import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/client.js';
import { violatedUniqueIndex } from '../../db/client.js';
import { accounts, certificates, enterprises, extensionRequests, persons } from '../../db/schema/index.js';
import { requireActor, type Actor, type RequestContext } from '../../http/actor.js';
import { AppError, notFound, requireReason } from '../../http/errors.js';
import { inScope } from '../../http/scope.js';
import { recordAudit } from '../audit/record-audit.js';
import { beijingDate, certificateScope } from '../certificates/certificate-scope.js';
import { getStudyRules } from '../learning/study-rules.js';
import { notifyAccounts, notifyEnterprise, notifyHolder } from '../notifications/notify.js';
import { continuingSeconds } from './continuing-hours.js';
import { recordCertificateEvents } from '../certificates/record-certificate-event.js';

/** Requests belong to the enterprise that made them and to the authority of the certificate's jurisdiction. */
export const extensionScope = { jurisdiction: extensionRequests.jurisdictionCode, enterprise: extensionRequests.enterpriseId };

/** 申请延期 before its window: the day it opens. */
export const extensionOpensOn = (opens: string) => `${opens} 起可申请延期（有效期届满前3个月内）`;

/** Why a certificate cannot be extended today by its state or the date (must be 有效, within 3 months before expiry), or null. */
export function extensionWindowRefusal(
  c: Pick<typeof certificates.$inferSelect, 'status' | 'expiresOn'>,
  today: string,
): string | null {
  const status = currentStatus(c.status, c.expiresOn, today);
  if (status !== 'valid') return `证书当前为「${CERTIFICATE_STATUS_LABELS[status]}」，不能申请延期`;
  const opens = extensionWindowOpens(c.expiresOn);
  return today < opens ? extensionOpensOn(opens) : null;
}

/** Why the continuing-education hours of the period are not enough yet, or null. */
export function extensionHoursRefusal(seconds: number, rules: StudyRules): string | null {
  const done = Math.floor((seconds / SECONDS_PER_STUDY_HOUR) * 10) / 10;
  return seconds < rules.continuingHours * SECONDS_PER_STUDY_HOUR
    ? `继续教育学时不足：本有效期内已完成 ${done} 学时，需 ${rules.continuingHours} 学时`
    : null;
}

/**
 * Why a certificate cannot be extended today (its state, the 3-month window,
 * the holder's continuing-education hours of the period), or its seconds.
 */
export async function extensionRefusal(
  exec: Executor,
  c: typeof certificates.$inferSelect,
  today: string,
): Promise<{ message: string } | { seconds: number }> {
  const window = extensionWindowRefusal(c, today);
  if (window) return { message: window };
  const seconds = await continuingSeconds(exec, c.id);
  const hours = extensionHoursRefusal(seconds, await getStudyRules(exec));
  return hours ? { message: hours } : { seconds };
}

/** 延期申请 by the holder's enterprise. */
export async function requestExtension(deps: Deps, ctx: RequestContext, certificateId: string) {
  const actor = requireActor(ctx);
  const today = beijingDate(deps.now());
  try {
    return await deps.db.transaction(async (tx) => {
      const [c] = await tx
        .select()
        .from(certificates)
        .where(inScope(actor, certificateScope, eq(certificates.id, certificateId)))
        .for('update');
      if (!c) throw notFound('证书');
      const check = await extensionRefusal(tx, c, today);
      if ('message' in check) throw new AppError('INVALID_STATE', check.message);
      const [request] = await tx
        .insert(extensionRequests)
        .values({
          certificateId: c.id,
          enterpriseId: actor.enterpriseId!,
          jurisdictionCode: c.jurisdictionCode,
          creditedSeconds: check.seconds,
          requestedBy: actor.accountId,
        })
        .returning({ id: extensionRequests.id });
      await recordAudit(tx, ctx, {
        action: 'extension.requested',
        outcome: 'success',
        targetType: 'extension_request',
        targetId: request!.id,
        jurisdictionCode: c.jurisdictionCode,
        detail: { number: c.number },
      });
      const city = await tx
        .select({ id: accounts.id })
        .from(accounts)
        .where(and(eq(accounts.role, 'city'), eq(accounts.jurisdictionCode, c.jurisdictionCode)));
      await notifyAccounts(
        tx,
        city.map((a) => a.id),
        { title: '有证书延期申请待审核', body: `证书 ${c.number} 申请延期。`, link: '/extensions' },
      );
      return { id: request!.id };
    });
  } catch (err) {
    if (violatedUniqueIndex(err) === 'extension_requests_pending_idx')
      throw new AppError('CONFLICT', '该证书已有待审核的延期申请');
    throw err;
  }
}

/** 延期审核: approval moves the expiry by 3 years (三类) or 2 years (特种); the conditions are checked again. */
export async function decideExtension(deps: Deps, ctx: RequestContext, id: string, approve: boolean, reason?: string) {
  const actor = requireActor(ctx);
  const why = approve ? null : requireReason(reason, '请填写退回原因');
  const today = beijingDate(deps.now());
  return deps.db.transaction(async (tx) => {
    const [r] = await tx
      .select()
      .from(extensionRequests)
      .where(inScope(actor, extensionScope, eq(extensionRequests.id, id)))
      .for('update');
    if (!r) throw notFound('延期申请');
    EXTENSION_MACHINE.assert(r.status, approve ? 'approve' : 'return');
    const [c] = await tx.select().from(certificates).where(eq(certificates.id, r.certificateId)).for('update');
    let newExpiresOn: string | null = null;
    if (approve) {
      const check = await extensionRefusal(tx, c!, today);
      if ('message' in check) throw new AppError('INVALID_STATE', check.message);
      newExpiresOn = addYears(c!.expiresOn, validityYears(c!.category));
      await tx.update(certificates).set({ expiresOn: newExpiresOn }).where(eq(certificates.id, c!.id));
      await recordCertificateEvents(deps, tx, actor, [
        {
          certificateId: c!.id,
          kind: 'extended',
          reason: '延期申请审核通过',
          detail: { from: c!.expiresOn, to: newExpiresOn, requestId: r.id },
        },
      ]);
    }
    await tx
      .update(extensionRequests)
      .set({
        status: approve ? 'approved' : 'returned',
        decidedBy: actor.accountId,
        decidedAt: sql`now()`,
        decisionReason: why,
        newExpiresOn,
      })
      .where(eq(extensionRequests.id, id));
    await recordAudit(tx, ctx, {
      action: approve ? 'extension.approved' : 'extension.returned',
      outcome: 'success',
      targetType: 'extension_request',
      targetId: id,
      jurisdictionCode: r.jurisdictionCode,
      detail: { number: c!.number, newExpiresOn, reason: why },
    });
    const notice = approve
      ? { title: '证书延期已批准', body: `证书 ${c!.number} 有效期延至 ${newExpiresOn}。` }
      : { title: '证书延期申请被退回', body: `证书 ${c!.number} 的延期申请被退回。原因：${why}` };
    await notifyEnterprise(tx, r.enterpriseId, { ...notice, link: '/extensions' });
    await notifyHolder(tx, c!.personId, { ...notice, link: '/my-certificates' });
    return { status: approve ? ('approved' as const) : ('returned' as const), newExpiresOn };
  });
}

const STATUS_LABELS = { pending: '待审核', approved: '已批准', returned: '已退回' } as const;

export async function listExtensions(deps: Deps, actor: Actor, status?: 'pending' | 'approved' | 'returned') {
  const rows = await deps.db
    .select({
      r: extensionRequests,
      number: certificates.number,
      category: certificates.category,
      other: certificates.otherWorkTypeName,
      expiresOn: certificates.expiresOn,
      name: persons.name,
      masked: persons.idNumberMasked,
      enterpriseName: enterprises.name,
    })
    .from(extensionRequests)
    .innerJoin(certificates, eq(certificates.id, extensionRequests.certificateId))
    .innerJoin(persons, eq(persons.id, certificates.personId))
    .innerJoin(enterprises, eq(enterprises.id, extensionRequests.enterpriseId))
    .where(inScope(actor, extensionScope, status ? eq(extensionRequests.status, status) : undefined))
    .orderBy(desc(extensionRequests.createdAt))
    .limit(500);
  return rows.map(({ r, number, category, other, expiresOn, name, masked, enterpriseName }) => ({
    id: r.id,
    certificateId: r.certificateId,
    number,
    categoryLabel: categoryLabel(category, other),
    name,
    maskedIdNumber: masked,
    enterpriseName,
    expiresOn,
    continuingHours: Math.floor((r.creditedSeconds / SECONDS_PER_STUDY_HOUR) * 10) / 10,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    newExpiresOn: r.newExpiresOn,
    decisionReason: r.decisionReason,
    createdAt: r.createdAt.toISOString(),
    policies: decisionPolicies(EXTENSION_MACHINE, r.status, actor.role === 'city'),
  }));
}
