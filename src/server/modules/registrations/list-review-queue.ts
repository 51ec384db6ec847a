import { and, count, desc, eq, gte, ilike, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { CategoryCode } from '../../../shared/domain/categories.js';
import { parseIdNumber } from '../../../shared/domain/id-number.js';
import { REGISTRATION_STATUS_LABELS, type RegistrationStatus } from '../../../shared/domain/registration-status.js';
import { categoryLabel } from '../../../shared/domain/categories.js';
import type { Deps } from '../../deps.js';
import type { Db } from '../../db/client.js';
import { containsPattern } from '../../db/client.js';
import { pageWithTotal } from '../../http/paging.js';
import { enterprises, jurisdictions, persons, registrationCounts, registrations } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { inScope, scopeParams, scopeWherePrepared, type ScopeColumns } from '../../http/scope.js';
import { registrationScope, visibleStatuses } from './registration-scope.js';
import { registrationViewQuery, toRegistrationView, type RegistrationView } from './describe-registration.js';
import { registrationPolicies, type RegistrationPolicyAction } from './registration-policies.js';
import type { Policies } from '../../../shared/policies.js';

export type ReviewFilter = {
  status?: RegistrationStatus;
  category?: CategoryCode;
  /** Submission date range, Beijing calendar days. */
  from?: string;
  to?: string;
  name?: string;
  idNumber?: string;
};

/** The rollup belongs to jurisdictions only: the authorities' queue is all it serves. */
const registrationCountScope: ScopeColumns = { jurisdiction: registrationCounts.jurisdictionCode };

const dayStart = (d: string) => new Date(`${d}T00:00:00+08:00`);

type Shape = {
  role: Actor['role'];
  status: boolean;
  category: boolean;
  from: boolean;
  to: boolean;
  name: boolean;
  idNumber: boolean;
};

/** One row of the 审核 queue: what the table shows; the drawer loads the full registration. */
export type ReviewRow = {
  id: string;
  status: RegistrationStatus;
  statusLabel: string;
  category: string;
  categoryLabel: string;
  jurisdictionName: string;
  enterpriseName: string | null;
  submittedAt: string | null;
  person: { name: string; maskedIdNumber: string };
  policies: Policies<RegistrationPolicyAction>;
};

/**
 * The 审核 queue is the authorities' busiest screen: each combination of role
 * and filters present becomes two prepared statements (the page, the count),
 * built and planned once, then executed with the caller's values (scope included).
 */
function buildReviewStatements(db: Db, shape: Shape) {
  const p = sql.placeholder;
  const where = and(
    scopeWherePrepared(shape.role, registrationScope),
    isNull(registrations.deletedAt),
    // Authorities never see drafts: they have not been submitted to anyone.
    shape.status ? eq(registrations.status, p('status')) : undefined,
    visibleStatuses({ role: shape.role }),
    shape.category ? eq(registrations.category, p('category')) : undefined,
    shape.from ? gte(registrations.submittedAt, p('from')) : undefined,
    shape.to ? lt(registrations.submittedAt, p('to')) : undefined,
    shape.name ? ilike(registrations.personName, p('name')) : undefined,
    // Exact match on the keyed hash: the ID number itself is never in a query.
    shape.idNumber ? eq(persons.idNumberHash, p('idHash')) : undefined,
  );
  const name = `agt_review_${shape.role}_${['status', 'category', 'from', 'to', 'name', 'idNumber'].map((k) => (shape[k as keyof Shape] ? 1 : 0)).join('')}`;
  const counting = db.select({ total: count() }).from(registrations);
  const countQuery = (shape.idNumber ? counting.innerJoin(persons, eq(persons.id, registrations.personId)) : counting).where(
    where,
  );
  // Filtered by status and category only (the usual queue): the total is read from the rollup the
  // database keeps with every change, not counted row by row.
  const rolledUp = !shape.from && !shape.to && !shape.name && !shape.idNumber;
  const rollupTotal = db
    .select({ total: sql<number>`coalesce(sum(${registrationCounts.n}), 0)` })
    .from(registrationCounts)
    .where(
      and(
        scopeWherePrepared(shape.role, registrationCountScope),
        shape.status ? eq(registrationCounts.status, p('status')) : undefined,
        ne(registrationCounts.status, 'draft'),
        shape.category ? eq(registrationCounts.category, p('category')) : undefined,
      ),
    );
  const selection = db
    .select({
      id: registrations.id,
      status: registrations.status,
      category: registrations.category,
      otherWorkTypeName: registrations.otherWorkTypeName,
      submittedAt: registrations.submittedAt,
      jurisdictionName: jurisdictions.name,
      enterpriseName: enterprises.name,
      // Copies kept on the registration by the database (migration 0015): no join with persons for a page.
      personName: registrations.personName,
      maskedIdNumber: registrations.personIdMasked,
      // The total rides along as an uncorrelated subquery: one round trip per page.
      total: sql<number>`(${rolledUp ? rollupTotal : countQuery})::int`,
    })
    .from(registrations);
  const page = (shape.idNumber ? selection.innerJoin(persons, eq(persons.id, registrations.personId)) : selection)
    .innerJoin(jurisdictions, eq(jurisdictions.code, registrations.jurisdictionCode))
    .leftJoin(enterprises, eq(enterprises.id, registrations.enterpriseId))
    .where(where)
    .orderBy(desc(registrations.submittedAt), desc(registrations.id))
    .limit(p('limit'))
    .offset(p('offset'))
    .prepare(`${name}_page`);
  return { page, total: countQuery.prepare(`${name}_count`) };
}

const reviewStatements = new WeakMap<Db, Map<string, ReturnType<typeof buildReviewStatements>>>();

export async function listReviewQueue(
  deps: Deps,
  actor: Actor,
  filter: ReviewFilter,
  paging: { page: number; pageSize: number },
): Promise<{ total: number; rows: ReviewRow[] }> {
  let idHash: string | undefined;
  if (filter.idNumber) {
    const parsed = parseIdNumber(filter.idNumber);
    if (!parsed.ok) return { total: 0, rows: [] };
    idHash = deps.crypto.lookupHash('id', parsed.value.idNumber);
  }
  const shape: Shape = {
    role: actor.role,
    status: !!filter.status,
    category: !!filter.category,
    from: !!filter.from,
    to: !!filter.to,
    name: !!filter.name,
    idNumber: !!idHash,
  };
  const key = JSON.stringify(shape);
  let cache = reviewStatements.get(deps.db);
  if (!cache) reviewStatements.set(deps.db, (cache = new Map()));
  let statements = cache.get(key);
  if (!statements) cache.set(key, (statements = buildReviewStatements(deps.db, shape)));
  const params = {
    ...scopeParams(actor),
    status: filter.status,
    category: filter.category,
    from: filter.from ? dayStart(filter.from).toISOString() : undefined,
    to: filter.to ? new Date(dayStart(filter.to).getTime() + 86_400_000).toISOString() : undefined,
    name: filter.name ? containsPattern(filter.name) : undefined,
    idHash,
  };
  const { total, rows } = await pageWithTotal(
    await statements.page.execute({ ...params, limit: paging.pageSize, offset: (paging.page - 1) * paging.pageSize }),
    paging,
    async () => (await statements.total.execute(params))[0]!.total,
  );
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      status: r.status,
      statusLabel: REGISTRATION_STATUS_LABELS[r.status],
      category: r.category,
      categoryLabel: categoryLabel(r.category, r.otherWorkTypeName),
      jurisdictionName: r.jurisdictionName,
      enterpriseName: r.enterpriseName,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      person: { name: r.personName, maskedIdNumber: r.maskedIdNumber },
      policies: registrationPolicies(actor, r.status, false),
    })),
  };
}

/** One page and the total in a single query (the total rides on each row as a window count). */
async function pageOf(
  deps: Deps,
  actor: Actor,
  where: SQL | undefined,
  paging: { page: number; pageSize: number },
): Promise<{ total: number; rows: RegistrationView[] }> {
  const rows = await registrationViewQuery(deps.db)
    .where(where)
    .orderBy(desc(registrations.submittedAt), desc(registrations.id))
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize);
  if (rows.length > 0 || paging.page === 1)
    return { total: rows[0]?.total ?? 0, rows: rows.map((r) => toRegistrationView(deps, actor, r)) };
  const [{ total }] = await deps.db
    .select({ total: count() })
    .from(registrations)
    .innerJoin(persons, eq(persons.id, registrations.personId))
    .where(where);
  return { total, rows: [] };
}

/** One registration in the caller's scope (candidate, employer, authority, province). */
export async function getRegistration(deps: Deps, actor: Actor, id: string): Promise<RegistrationView | null> {
  const [row] = await registrationViewQuery(deps.db).where(
    inScope(actor, registrationScope, eq(registrations.id, id), isNull(registrations.deletedAt), visibleStatuses(actor)),
  );
  return row ? toRegistrationView(deps, actor, row) : null;
}

export async function listMyRegistrations(deps: Deps, actor: Actor): Promise<RegistrationView[]> {
  const rows = await registrationViewQuery(deps.db)
    .where(inScope(actor, registrationScope, isNull(registrations.deletedAt)))
    .orderBy(desc(registrations.createdAt));
  return rows.map((r) => toRegistrationView(deps, actor, r));
}

/** 企业确认 queue: registrations naming this enterprise, awaiting it or already handled. */
export async function listEmployerQueue(
  deps: Deps,
  actor: Actor,
  filter: { status?: RegistrationStatus; name?: string },
  paging: { page: number; pageSize: number },
): Promise<{ total: number; rows: RegistrationView[] }> {
  const c: (SQL | undefined)[] = [isNull(registrations.deletedAt), visibleStatuses(actor)];
  if (filter.status) c.push(eq(registrations.status, filter.status));
  if (filter.name) c.push(ilike(persons.name, `%${filter.name.replace(/[%_\\]/g, '\\$&')}%`));
  return pageOf(deps, actor, inScope(actor, registrationScope, ...c), paging);
}
