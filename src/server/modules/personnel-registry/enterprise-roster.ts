import { and, asc, count, eq, ilike, or } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { certificates, enterprises } from '../../db/schema/index.js';
import type { RequestContext } from '../../http/actor.js';
import { invalid, notFound } from '../../http/errors.js';
import type { LookupLog } from './lookup-log.js';
import { searchCertificatesOfEnterprise } from './public-lookup.js';
import { containsPattern } from '../../db/client.js';

/** Enterprises by name (part of it) or exact credit code, with how many certified people they have. */
export async function searchPublicEnterprises(deps: Deps, q: string) {
  const term = q.trim();
  if (term.length < 2) throw invalid('q', '请至少输入2个字的企业名称或统一社会信用代码');
  return deps.db
    .select({ id: enterprises.id, name: enterprises.name, creditCode: enterprises.creditCode, certified: count(certificates.id) })
    .from(enterprises)
    .leftJoin(certificates, and(eq(certificates.enterpriseId, enterprises.id), eq(certificates.status, 'valid')))
    .where(or(ilike(enterprises.name, containsPattern(term)), eq(enterprises.creditCode, term.toUpperCase())))
    .groupBy(enterprises.id)
    .orderBy(asc(enterprises.name))
    .limit(20);
}

/** An enterprise's public page: its certified people (masked), each lookup logged. */
export async function enterpriseRoster(deps: Deps, log: LookupLog, ctx: RequestContext, enterpriseId: string) {
  const [enterprise] = await deps.db
    .select({ id: enterprises.id, name: enterprises.name, creditCode: enterprises.creditCode })
    .from(enterprises)
    .where(eq(enterprises.id, enterpriseId));
  if (!enterprise) {
    log.record({ ip: ctx.ip, kind: 'enterprise', found: false });
    throw notFound('企业');
  }
  return { enterprise, certificates: await searchCertificatesOfEnterprise(deps, log, ctx, enterpriseId) };
}
