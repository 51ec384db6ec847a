import { asc, eq, ilike, or } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { enterprises, jurisdictions } from '../../db/schema/index.js';

/**
 * Registered enterprises by 统一社会信用代码 or name, for choosing an employer.
 * Only public registry facts (name, code, jurisdiction) are returned.
 */
export async function searchEnterprises(deps: Deps, keyword: string) {
  const q = keyword.trim();
  if (q.length < 2) return [];
  const like = `%${q.replace(/[%_\\]/g, '\\$&')}%`;
  return deps.db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      creditCode: enterprises.creditCode,
      jurisdictionName: jurisdictions.name,
    })
    .from(enterprises)
    .innerJoin(jurisdictions, eq(jurisdictions.code, enterprises.jurisdictionCode))
    .where(or(eq(enterprises.creditCode, q.toUpperCase()), ilike(enterprises.name, like)))
    .orderBy(asc(enterprises.name))
    .limit(20);
}
