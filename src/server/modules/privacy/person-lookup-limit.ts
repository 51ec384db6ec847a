import { and, count, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { personLookups } from '../../db/schema/index.js';
import type { RequestContext } from '../../http/actor.js';
import { requireActor } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { beijingDate } from '../certificates/certificate-scope.js';

/**
 * What is counted: an ID number (读取原有证人员信息), an ID number with the name
 * it was checked against (filings: each name tried beside a number is a new
 * guess), or a certificate number.
 */
export type LookupKey = { kind: 'id'; idNumber: string; name?: string } | { kind: 'number'; number: string };

/**
 * Counts the people an enterprise is about to look up against its daily limit
 * (PERSON_LOOKUPS_PER_DAY) and refuses the whole request when it would pass it.
 * Every check of an ID number against stored people tells something about
 * them, so the count is kept in its own committed transaction, before the
 * check: a request that then fails (or is made to fail) still counts.
 */
export async function countPersonLookups(deps: Deps, ctx: RequestContext, keys: LookupKey[], purpose: string): Promise<void> {
  const actor = requireActor(ctx);
  if (actor.role !== 'enterprise' || !actor.enterpriseId) return;
  const enterpriseId = actor.enterpriseId;
  const day = beijingDate(deps.now());
  const hashes = [
    ...new Set(
      keys.map((k) =>
        deps.crypto.lookupHash(
          'lookup',
          k.kind === 'id' ? `id:${k.idNumber}${k.name === undefined ? '' : `|name:${k.name.trim()}`}` : `number:${k.number}`,
        ),
      ),
    ),
  ];
  if (hashes.length === 0) return;
  const limit = deps.config.personLookupsPerDay;
  const refused = await deps.db.transaction(async (tx) => {
    // One enterprise's lookups queue here, so two parallel requests cannot both slip under the limit.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`person_lookups:${enterpriseId}`}))`);
    const [{ n }] = await tx
      .select({ n: count() })
      .from(personLookups)
      .where(and(eq(personLookups.enterpriseId, enterpriseId), eq(personLookups.day, day)));
    const known = new Set(
      (
        await tx
          .select({ h: personLookups.keyHash })
          .from(personLookups)
          .where(
            and(
              eq(personLookups.enterpriseId, enterpriseId),
              eq(personLookups.day, day),
              sql`${personLookups.keyHash} = ANY(${sql.param(hashes)}::text[])`,
            ),
          )
      ).map((r) => r.h),
    );
    const fresh = hashes.filter((h) => !known.has(h));
    if (n + fresh.length > limit) return { usedToday: n, asked: fresh.length };
    // One array parameter (unnest), not three placeholders a row: a 100,000-row import costs one statement.
    if (fresh.length) {
      await tx.execute(sql`INSERT INTO person_lookups (enterprise_id, day, key_hash)
        SELECT ${enterpriseId}::uuid, ${day}::date, h FROM unnest(${sql.param(fresh)}::text[]) AS h`);
    }
    return null;
  });
  if (refused) {
    await recordAudit(deps.db, ctx, {
      action: 'personnel.lookup_limited',
      outcome: 'denied',
      detail: { purpose, ...refused, limit },
    });
    throw new AppError(
      'RATE_LIMITED',
      `本单位今日核对人员信息已达上限（每日 ${limit} 人，已用 ${refused.usedToday} 人，本次 ${refused.asked} 人），请明日再试；批量备案请分批提交或联系主管部门`,
    );
  }
}
