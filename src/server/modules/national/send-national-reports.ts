import { eq, inArray, sql } from 'drizzle-orm';
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

/** How long a sender may hold a claimed report before another process takes it over. */
const LEASE = '2 minutes';
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
  id_number_enc: string;
  photo_key: string | null;
  verify_token: string;
};

/**
 * Claims the reports that are due: the oldest unsent report of each certificate
 * only, so a certificate's reports reach the platform in the order they happened.
 * SKIP LOCKED lets any number of processes claim side by side; the lease lets
 * another process finish what a killed one had claimed.
 */
async function claimDue(deps: Deps, limit: number): Promise<Claimed[]> {
  return rowsOf<Claimed>(
    await deps.db.execute(sql`
      WITH due AS (
        SELECT n.id FROM national_reports n
        WHERE n.status = 'pending' AND n.next_attempt_at <= now()
          AND (n.claimed_until IS NULL OR n.claimed_until < now())
          AND NOT EXISTS (
            SELECT 1 FROM national_reports e WHERE e.certificate_id = n.certificate_id AND e.id < n.id AND e.status <> 'sent')
        ORDER BY n.id LIMIT ${limit}
        FOR UPDATE OF n SKIP LOCKED
      ), claimed AS (
        UPDATE national_reports r SET claimed_until = now() + ${LEASE}::interval, attempts = r.attempts + 1
        FROM due WHERE r.id = due.id
        RETURNING r.id, r.ecert_id, r.certificate_id, r.standard, r.call, r.identifier, r.assigns_qr, r.payload, r.attempts
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
      ) f ON true
      ORDER BY claimed.id`),
  );
}

/** The standard asks for a JPG/PNG of at most 50 KB: re-encode smaller until it fits. */
async function photoForPlatform(deps: Deps, key: string | null): Promise<string | undefined> {
  if (!key) return undefined;
  const original = await deps.storage.get(key);
  for (const [width, quality] of [
    [358, 80],
    [358, 60],
    [295, 50],
    [240, 40],
  ] as const) {
    const jpeg = await sharp(original).rotate().resize({ width, withoutEnlargement: true }).jpeg({ quality }).toBuffer();
    if (jpeg.length <= NATIONAL_PHOTO_MAX_BYTES) return jpeg.toString('base64');
  }
  return undefined;
}

type Outcome = { kind: 'sent'; qr: string | null } | { kind: 'refused'; message: string } | { kind: 'retry'; message: string };

const refusalOf = (answer: PlatformAnswer, eCertID: string): string => {
  const errors = answer.ReturnData?.ErrorData ?? [];
  const mine = errors.find((e) => (e.ErrorGuid ?? e.eCertID) === eCertID) ?? errors[0];
  return (mine?.ErrorMsg ?? answer.ReturnMsg ?? '全国平台拒绝了该数据').slice(0, 500);
};

async function sendOne(deps: Deps, cfg: NationalPlatformConfig, client: NationalPlatformClient, r: Claimed): Promise<Outcome> {
  const eCertID = r.ecert_id.replace(/-/g, '');
  try {
    const body: Record<string, unknown> = { ...r.payload, identityCard: deps.crypto.decrypt(r.id_number_enc) };
    if (r.call === 'fm') {
      const photo = await photoForPlatform(deps, r.photo_key);
      if (photo) body.photo = photo;
    }
    const answer = await client.call(r.standard, r.call, [body]);
    if (answer.ReturnCode !== '1' && answer.ReturnCode !== '2') return { kind: 'refused', message: refusalOf(answer, eCertID) };
    if (!r.assigns_qr) return { kind: 'sent', qr: null };
    const success = answer.ReturnData?.SuccessData?.find((s) => s.eCertID === eCertID) ?? answer.ReturnData?.SuccessData?.[0];
    if (!success?.encryCertid || !success.encryKey) return { kind: 'refused', message: '全国平台未返回赋码信息' };
    const standard = r.standard === 'C0317' ? C0317 : C0304;
    const { qr, certId } = nationalQrOf({ encryCertid: success.encryCertid, encryKey: success.encryKey }, cfg, {
      qrBase: cfg.qrBase,
      typeCode: standard.typeCode,
      provinceNum: deps.config.nationalIssuer.provinceNum,
    });
    // 归集: the platform links its record to our copy of the certificate.
    const filed = await client.call(r.standard, 'gj', [
      { ID: certId, zzeCertID: r.identifier, url: verifyUrl(deps.config.publicBaseUrl, r.verify_token) },
    ]);
    if (filed.ReturnCode !== '1' && filed.ReturnCode !== '2')
      return { kind: 'refused', message: `归集：${refusalOf(filed, eCertID)}` };
    return { kind: 'sent', qr };
  } catch (err) {
    if (err instanceof PlatformUnavailable) return { kind: 'retry', message: err.message };
    return { kind: 'retry', message: `上报出错：${err instanceof Error ? err.message : String(err)}`.slice(0, 500) };
  }
}

export type SendRound = { sent: number; refused: number; retrying: number };

/** One round of the feed: claim what is due, send each in order, store every answer. */
export async function sendNationalReports(
  deps: Deps,
  cfg: NationalPlatformConfig,
  client: NationalPlatformClient,
): Promise<SendRound> {
  const round: SendRound = { sent: 0, refused: 0, retrying: 0 };
  const claimed = await claimDue(deps, cfg.batchSize);
  const blocked = new Set<string>();
  for (const [i, r] of claimed.entries()) {
    // Rows of one certificate are never claimed together (the NOT EXISTS above); this guards a retry's order anyway.
    if (blocked.has(r.certificate_id)) continue;
    const outcome = await sendOne(deps, cfg, client, r);
    if (outcome.kind === 'retry' && i + 1 < claimed.length) {
      // The platform is down: give the rest of the round back untouched instead of waiting for each to time out.
      const rest = claimed.slice(i + 1).map((x) => x.id);
      await deps.db
        .update(nationalReports)
        .set({ claimedUntil: null, attempts: sql`${nationalReports.attempts} - 1` })
        .where(inArray(nationalReports.id, rest));
      claimed.length = i + 1;
    }
    await deps.db.transaction(async (tx) => {
      if (outcome.kind === 'sent') {
        await tx
          .update(nationalReports)
          .set({ status: 'sent', sentAt: sql`now()`, claimedUntil: null, lastError: null, qrContent: outcome.qr })
          .where(eq(nationalReports.id, r.id));
        if (outcome.qr)
          await tx.update(certificates).set({ nationalQr: outcome.qr }).where(eq(certificates.id, r.certificate_id));
        round.sent++;
      } else if (outcome.kind === 'refused') {
        await tx
          .update(nationalReports)
          .set({ status: 'failed', claimedUntil: null, lastError: outcome.message })
          .where(eq(nationalReports.id, r.id));
        blocked.add(r.certificate_id);
        round.refused++;
      } else {
        await tx
          .update(nationalReports)
          .set({
            claimedUntil: null,
            lastError: outcome.message,
            nextAttemptAt: sql`now() + ${retryDelaySeconds(r.attempts)} * interval '1 second'`,
          })
          .where(eq(nationalReports.id, r.id));
        blocked.add(r.certificate_id);
        round.retrying++;
      }
    });
  }
  return round;
}
