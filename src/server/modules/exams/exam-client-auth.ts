import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { examClients } from '../../db/schema/index.js';
import { AppError } from '../../http/errors.js';

/** How far a request's timestamp may be from the server clock; older ones are replays. */
export const SIGNATURE_WINDOW_SECONDS = 300;

export type SignedRequest = { authorization: string | undefined; idempotencyKey: string | undefined; body: Buffer; ip: string };

/** What the exam-room software signs: timestamp, idempotency key and the body's SHA-256, one per line. */
export function signingString(timestamp: string, idempotencyKey: string, body: Buffer): string {
  return `${timestamp}\n${idempotencyKey}\n${createHash('sha256').update(body).digest('hex')}`;
}

export function sign(secret: string, timestamp: string, idempotencyKey: string, body: Buffer): string {
  return createHmac('sha256', secret)
    .update(signingString(timestamp, idempotencyKey, body))
    .digest('hex');
}

/**
 * `Authorization: AGT-HMAC keyId=ec_…,ts=<unix seconds>,sig=<hex>` and an
 * `Idempotency-Key` header. Answers the exam client (its jurisdiction) or 401.
 */
export async function authenticateExamClient(deps: Deps, req: SignedRequest) {
  const refuse = (message: string) => new AppError('UNAUTHENTICATED', message);
  const match = /^AGT-HMAC keyId=([\w-]+),ts=(\d+),sig=([0-9a-f]{64})$/.exec(req.authorization ?? '');
  if (!match) throw refuse('缺少或无法识别的签名（Authorization: AGT-HMAC keyId=…,ts=…,sig=…）');
  const [, keyId, ts, sig] = match;
  const key = req.idempotencyKey ?? '';
  if (!/^[\w.-]{8,100}$/.test(key)) throw refuse('缺少 Idempotency-Key（8至100位字母、数字或 _ . -）');
  const [client] = await deps.db.select().from(examClients).where(eq(examClients.keyId, keyId));
  if (!client || client.revokedAt) throw refuse('考试管理端凭证无效或已吊销');
  const expected = sign(deps.crypto.decrypt(client.secretEnc), ts, key, req.body);
  if (!timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(sig, 'hex'))) throw refuse('签名不正确');
  if (Math.abs(deps.now().getTime() / 1000 - Number(ts)) > SIGNATURE_WINDOW_SECONDS)
    throw refuse('请求时间戳已过期，可能是重放请求');
  return { client, idempotencyKey: key, bodySha256: createHash('sha256').update(req.body).digest('hex') };
}
