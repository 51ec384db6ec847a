import { and, count, eq, gt, lt, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { addressAttempts } from '../../db/schema/index.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';

/**
 * Counts one anonymous attempt of `action` from the caller's address and
 * refuses it once the address made `attempts` in the window. Runs before any
 * expensive work (password hashing), and lives in the database so every
 * server process shares the count.
 */
export async function countAddressAttempt(
  deps: Deps,
  ctx: RequestContext,
  action: string,
  limit: { attempts: number; windowMinutes: number },
  what: string,
): Promise<void> {
  // Insert first, then count: parallel attempts each see the others, so a burst cannot slip past together.
  await deps.db.insert(addressAttempts).values({ action, ip: ctx.ip });
  const [{ n }] = await deps.db
    .select({ n: count() })
    .from(addressAttempts)
    .where(
      and(
        eq(addressAttempts.action, action),
        eq(addressAttempts.ip, ctx.ip),
        gt(addressAttempts.at, sql`now() - make_interval(mins => ${limit.windowMinutes})`),
      ),
    );
  if (n > limit.attempts) {
    await recordAudit(deps.db, ctx, { action: 'auth.rate_limited', outcome: 'denied', detail: { action } });
    throw new AppError('RATE_LIMITED', `${what}，请${limit.windowMinutes}分钟后再试`);
  }
  // Old rows go now and then; nothing older than a day is ever counted.
  if (Math.random() < 0.01) await deps.db.delete(addressAttempts).where(lt(addressAttempts.at, sql`now() - interval '1 day'`));
}
