import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.js';
import { rowsOf } from '../db/client.js';
import { AppError } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route creates something: an Idempotency-Key header makes a repeat of the same request create nothing more. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotencyKey: string | null;
  }
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY = /^[A-Za-z0-9_-]{8,100}$/;

/**
 * Double submits of creating forms (a double click on 保存草稿, a retry after a
 * lost answer) create one object. The screen sends an Idempotency-Key made when
 * the form opened; the first request with a key claims it (own short
 * transaction, before the handler), a repeat while it runs is told to wait, a
 * repeat after success gets the first answer again, and a failed request frees
 * its key so the corrected form can be sent again. A key used with another
 * address or body is refused. Without the header a route works as before (the
 * exam client has its own signed keys).
 */
export function registerIdempotency(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('idempotencyKey', null);

  // After access and validation: a stranger claims nothing, an invalid body is refused before any key is kept.
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.routeOptions.config.idempotent || !request.actor) return;
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (key === undefined) return;
    if (typeof key !== 'string' || !KEY.test(key)) throw new AppError('VALIDATION', '请求编号（Idempotency-Key）格式错误');
    // The real address (its ids and query), not the route pattern: the same key for another object is another request.
    const fingerprint = `${request.method} ${request.url} ${createHash('sha256')
      .update(JSON.stringify(request.body ?? null))
      .digest('hex')}`;
    const accountId = request.actor.accountId;
    const claimed = rowsOf<{ claimed: boolean; fingerprint: string; status_code: number | null; response: string | null }>(
      await deps.db.execute(sql`
      WITH pruned AS (DELETE FROM idempotent_requests WHERE account_id = ${accountId} AND created_at < now() - interval '1 day'),
      claim AS (INSERT INTO idempotent_requests (account_id, key, fingerprint) VALUES (${accountId}, ${key}, ${fingerprint})
                -- A claim whose request never answered (the process stopped) is taken over after two minutes.
                ON CONFLICT (account_id, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, created_at = now()
                  WHERE idempotent_requests.status_code IS NULL AND idempotent_requests.created_at < now() - interval '2 minutes'
                RETURNING true AS claimed, fingerprint, status_code, response)
      SELECT * FROM claim
      UNION ALL
      SELECT false, fingerprint, status_code, response FROM idempotent_requests WHERE account_id = ${accountId} AND key = ${key} AND NOT EXISTS (SELECT 1 FROM claim)`),
    )[0];
    // No row at all: the INSERT waited for a concurrent claim of the same key, which committed after this
    // statement's snapshot, so the SELECT cannot see it yet. That request is the one running: same answer.
    if (!claimed) throw new AppError('CONFLICT', '该操作正在处理，请勿重复提交');
    if (claimed.claimed) {
      request.idempotencyKey = key;
      return;
    }
    if (claimed.fingerprint !== fingerprint)
      throw new AppError('CONFLICT', '同一个请求编号（Idempotency-Key）不能用于不同的内容');
    if (claimed.status_code === null) throw new AppError('CONFLICT', '该操作正在处理，请勿重复提交');
    // Already done: the first answer again, nothing created twice.
    return reply
      .status(claimed.status_code)
      .header('content-type', 'application/json; charset=utf-8')
      .header('idempotent-replayed', 'true')
      .send(claimed.response);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.idempotencyKey;
    if (!key || !request.actor) return payload;
    request.idempotencyKey = null;
    try {
      if (reply.statusCode < 400 && typeof payload === 'string') {
        await deps.db.execute(
          sql`UPDATE idempotent_requests SET status_code = ${reply.statusCode}, response = ${payload} WHERE account_id = ${request.actor.accountId} AND key = ${key}`,
        );
      } else {
        // Refused or failed: nothing was created, the same form may be corrected and sent again.
        await deps.db.execute(
          sql`DELETE FROM idempotent_requests WHERE account_id = ${request.actor.accountId} AND key = ${key}`,
        );
      }
    } catch (err) {
      // The change itself is committed: its answer goes out; the key stays claimed and is taken over after two minutes.
      request.log.warn({ err }, 'idempotency key not recorded');
    }
    return payload;
  });
}
