import { and, eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { NATIONAL_PHOTO_MAX_BYTES } from '../../../shared/domain/national/dictionaries.js';
import { C0304, C0317 } from '../../../shared/domain/national/dictionaries.js';
import type { NationalPlatformConfig } from '../../config.js';
import type { Deps } from '../../deps.js';
import { rowsOf } from '../../db/client.js';
import { certificates, nationalReports } from '../../db/schema/index.js';
import { verifyUrl } from '../certificates/print-certificates.js';
import { PlatformUnavailable, type NationalPlatformClient } from './platform-client.js';
import { nationalQrOf, type PlatformAnswer } from './platform-interface.js';

/** Retry delays after an outage: 30 s doubling up to an hour, for as long as it takes — nothing is dropped. */
export const retryDelaySeconds = (attempts: number) => Math.min(30 * 2 ** Math.max(0, attempts - 1), 3600);

type Claimed = {
  id: number;
  ecert_id: string;
  certificate_id: string;
  standard: 'C0317' | 'C0304';
  call: 'fm' | 'update';
  identifier: string;
  assigns_qr: boolean;
  payload: Record<string, unknown>;
  attempts: number;
  claim_token: string;
  platform_cert_id: string | null;
  qr_content: string | null;
  id_number_enc: string;
  photo_key: string | null;
  verify_token: string;
};

/**
 * Claims the next report that is due: the oldest unsent report of a certificate
 * only, so a certificate's reports reach the platform in the order they happened.
 * SKIP LOCKED lets any number of processes claim side by side. The claim is a
 * lease with a token: it outlasts the calls one report needs (token, 赋码, 归集,
 * each up to the timeout), another process takes over a report whose sender
 * died, and a result is written only while the token is still the writer's.
 */
async function claimNext(deps: Deps, cfg: NationalPlatformConfig): Promise<Claimed | null> {
  const leaseSeconds = Math.ceil((4 * cfg.timeoutMs) / 1000) + 60;
  const [row] = rowsOf<Claimed>(
    await deps.db.execute(sql`
      WITH due AS (
        SELECT n.id FROM national_reports n
        WHERE n.status = 'pending' AND n.next_attempt_at <= now()
          AND (n.claimed_until IS NULL OR n.claimed_until < now())
          AND NOT EXISTS (
            SELECT 1 FROM national_reports e WHERE e.certificate_id = n.certificate_id AND e.id < n.id AND e.status <> 'sent')
        ORDER BY n.id LIMIT 1
        FOR UPDATE OF n SKIP LOCKED
      ), claimed AS (
        UPDATE national_reports r
        SET claimed_until = now() + ${leaseSeconds} * interval '1 second', claim_token = gen_random_uuid(), attempts = r.attempts + 1
        FROM due WHERE r.id = due.id
        RETURNING r.id, r.ecert_id, r.certificate_id, r.standard, r.call, r.identifier, r.assigns_qr, r.payload, r.attempts,
          r.claim_token, r.platform_cert_id, r.qr_content
      )
      SELECT claimed.*, p.id_number_enc, f.storage_key AS photo_key, c.verify_token
      FROM claimed
      JOIN certificates c ON c.id = claimed.certificate_id
      JOIN persons p ON p.id = c.person_id
      -- The certificate's photo, else the holder's latest (a filed legacy certificate has none of its own).
      LEFT JOIN LATERAL (
        SELECT storage_key FROM files
        WHERE id = c.photo_file_id OR (c.photo_file_id IS NULL AND person_id = c.person_id AND kind = 'photo')
        ORDER BY (id = c.photo_file_id) DESC, created_at DESC LIMIT 1
      ) f ON true`),
  );
  return row ?? null;
}

/** The standard asks for a JPG/PNG of at most 50 KB: re-encode smaller until it fits. */
async function photoForPlatform(deps: Deps, key: string | null): Promise<string | undefined> {
  if (!key) return undefined;
  // A photo that cannot be read or decoded goes as no photo: the platform then says what is missing, in its words.
  const original = await deps.storage.get(key).catch(() => null);
  if (!original) return undefined;
  for (const [width, quality] of [
    [358, 80],
    [358, 60],
    [295, 50],
    [240, 40],
  ] as const) {
    const jpeg = await sharp(original)
      .rotate()
      .resize({ width, withoutEnlargement: true })
      .jpeg({ quality })
      .toBuffer()
      .catch(() => null);
    if (!jpeg) return undefined;
    if (jpeg.length <= NATIONAL_PHOTO_MAX_BYTES) return jpeg.toString('base64');
  }
  return undefined;
}

type Outcome =
  | { kind: 'sent'; qr: string | null }
  | { kind: 'refused'; message: string }
  | { kind: 'retry'; message: string; throttled?: boolean };

/** The platform's "too fast" is throttling, not a verdict on the data: wait and send again. */
const THROTTLED = /操作太快/;

const refusalOf = (answer: PlatformAnswer, eCertID: string): string => {
  const errors = answer.ReturnData?.ErrorData ?? [];
  const mine = errors.find((e) => (e.ErrorGuid ?? e.eCertID) === eCertID) ?? errors[0];
  return (mine?.ErrorMsg ?? answer.ReturnMsg ?? '全国平台拒绝了该数据').slice(0, 500);
};

async function sendOne(deps: Deps, cfg: NationalPlatformConfig, client: NationalPlatformClient, r: Claimed): Promise<Outcome> {
  const eCertID = r.ecert_id.replace(/-/g, '');
  try {
    // 赋码 went through on an earlier attempt and only 归集 failed: do not ask for a second code.
    if (r.platform_cert_id && r.qr_content) return await file(deps, client, r, r.platform_cert_id, r.qr_content, eCertID);
    const body: Record<string, unknown> = { ...r.payload, identityCard: deps.crypto.decrypt(r.id_number_enc) };
    if (r.call === 'fm') {
      const photo = await photoForPlatform(deps, r.photo_key);
      if (photo) body.photo = photo;
    }
    const answer = await client.call(r.standard, r.call, [body]);
    if (answer.ReturnCode !== '1' && answer.ReturnCode !== '2') {
      const message = refusalOf(answer, eCertID);
      return THROTTLED.test(message) ? { kind: 'retry', message, throttled: true } : { kind: 'refused', message };
    }
    if (!r.assigns_qr) return { kind: 'sent', qr: null };
    const success = answer.ReturnData?.SuccessData?.find((s) => s.eCertID === eCertID) ?? answer.ReturnData?.SuccessData?.[0];
    if (!success?.encryCertid || !success.encryKey) return { kind: 'refused', message: '全国平台未返回赋码信息' };
    const standard = r.standard === 'C0317' ? C0317 : C0304;
    const { qr, certId } = nationalQrOf({ encryCertid: success.encryCertid, encryKey: success.encryKey }, cfg, {
      qrBase: cfg.qrBase,
      typeCode: standard.typeCode,
      provinceNum: deps.config.nationalIssuer.provinceNum,
    });
    await deps.db
      .update(nationalReports)
      .set({ platformCertId: certId, qrContent: qr })
      .where(and(eq(nationalReports.id, r.id), eq(nationalReports.claimToken, r.claim_token)));
    return await file(deps, client, r, certId, qr, eCertID);
  } catch (err) {
    if (err instanceof PlatformUnavailable) return { kind: 'retry', message: err.message };
    // Our own fault (keys that do not match the answer, say): no use retrying it blindly, and no
    // internal detail (paths, stack) on an authority's screen — the log has it.
    console.error('[national] 上报处理出错', err);
    return { kind: 'refused', message: '本系统处理全国平台数据时出错，请联系系统管理员核对全国平台接口配置' };
  }
}

/** 归集: the platform links its record (by its 赋码 ID) to our copy of the certificate. */
async function file(deps: Deps, client: NationalPlatformClient, r: Claimed, certId: string, qr: string, eCertID: string) {
  const filed = await client.call(r.standard, 'gj', [
    { ID: certId, zzeCertID: r.identifier, url: verifyUrl(deps.config.publicBaseUrl, r.verify_token) },
  ]);
  if (filed.ReturnCode !== '1' && filed.ReturnCode !== '2') {
    const message = `归集：${refusalOf(filed, eCertID)}`;
    return THROTTLED.test(message)
      ? ({ kind: 'retry', message, throttled: true } as const)
      : ({ kind: 'refused', message } as const);
  }
  return { kind: 'sent', qr } as const;
}

export type SendRound = { sent: number; refused: number; retrying: number };

/**
 * One round of the feed: claim, send and store one report after another, up to
 * the batch size. An unreachable or throttling platform ends the round: the
 * report waits its backoff and the rest stay untouched for the next round.
 */
export async function sendNationalReports(
  deps: Deps,
  cfg: NationalPlatformConfig,
  client: NationalPlatformClient,
): Promise<SendRound> {
  const round: SendRound = { sent: 0, refused: 0, retrying: 0 };
  for (let n = 0; n < cfg.batchSize; n++) {
    const r = await claimNext(deps, cfg);
    if (!r) break;
    const outcome = await sendOne(deps, cfg, client, r);
    const mine = and(eq(nationalReports.id, r.id), eq(nationalReports.claimToken, r.claim_token));
    await deps.db.transaction(async (tx) => {
      if (outcome.kind === 'sent') {
        const [stored] = await tx
          .update(nationalReports)
          .set({
            status: 'sent',
            sentAt: sql`now()`,
            claimedUntil: null,
            claimToken: null,
            lastError: null,
            qrContent: outcome.qr,
          })
          .where(mine)
          .returning({ id: nationalReports.id });
        if (stored && outcome.qr)
          await tx.update(certificates).set({ nationalQr: outcome.qr }).where(eq(certificates.id, r.certificate_id));
        round.sent++;
      } else if (outcome.kind === 'refused') {
        await tx
          .update(nationalReports)
          .set({ status: 'failed', claimedUntil: null, claimToken: null, lastError: outcome.message })
          .where(mine);
        round.refused++;
      } else {
        await tx
          .update(nationalReports)
          .set({
            claimedUntil: null,
            claimToken: null,
            lastError: outcome.message,
            nextAttemptAt: sql`now() + ${outcome.throttled ? 60 : retryDelaySeconds(r.attempts)} * interval '1 second'`,
          })
          .where(mine);
        round.retrying++;
      }
    });
    if (outcome.kind === 'retry') break;
  }
  return round;
}
