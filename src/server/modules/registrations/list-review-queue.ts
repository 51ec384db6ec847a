import { and, count, desc, eq, gte, ilike, isNull, lt, type SQL } from 'drizzle-orm';
import type { CategoryCode } from '../../../shared/domain/categories.js';
import { parseIdNumber } from '../../../shared/domain/id-number.js';
import type { RegistrationStatus } from '../../../shared/domain/registration-status.js';
import type { Deps } from '../../deps.js';
import { persons, registrations } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { inScope } from '../../http/scope.js';
import { registrationScope } from './registration-scope.js';
import { registrationViewQuery, toRegistrationView, withPendingEmployerChanges, type RegistrationView } from './describe-registration.js';

export type ReviewFilter = {
  status?: RegistrationStatus;
  category?: CategoryCode;
  /** Submission date range, Beijing calendar days. */
  from?: string;
  to?: string;
  name?: string;
  idNumber?: string;
};

const dayStart = (d: string) => new Date(`${d}T00:00:00+08:00`);

/** Conditions of the 审核 queue; the ID number is matched exactly through its keyed hash. */
function reviewConditions(deps: Deps, actor: Actor, filter: ReviewFilter): SQL | null {
  const c: (SQL | undefined)[] = [isNull(registrations.deletedAt)];
  // Authorities never see drafts: they have not been submitted to anyone.
  if (filter.status) c.push(eq(registrations.status, filter.status));
  else c.push(gte(registrations.submittedAt, new Date(0)));
  if (filter.category) c.push(eq(registrations.category, filter.category));
  if (filter.from) c.push(gte(registrations.submittedAt, dayStart(filter.from)));
  if (filter.to) c.push(lt(registrations.submittedAt, new Date(dayStart(filter.to).getTime() + 86_400_000)));
  if (filter.name) c.push(ilike(persons.name, `%${filter.name.replace(/[%_\\]/g, '\\$&')}%`));
  if (filter.idNumber) {
    const parsed = parseIdNumber(filter.idNumber);
    if (!parsed.ok) return null;
    c.push(eq(persons.idNumberHash, deps.crypto.lookupHash('id', parsed.value.idNumber)));
  }
  return inScope(actor, registrationScope, ...c);
}

export async function listReviewQueue(
  deps: Deps,
  actor: Actor,
  filter: ReviewFilter,
  paging: { page: number; pageSize: number },
): Promise<{ total: number; rows: RegistrationView[] }> {
  const where = reviewConditions(deps, actor, filter);
  if (!where) return { total: 0, rows: [] };
  const [{ total }] = await deps.db
    .select({ total: count() })
    .from(registrations)
    .innerJoin(persons, eq(persons.id, registrations.personId))
    .where(where);
  const rows = await registrationViewQuery(deps.db)
    .where(where)
    .orderBy(desc(registrations.submittedAt), desc(registrations.id))
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize);
  const views = rows.map((r) => toRegistrationView(deps, r));
  return { total, rows: await withPendingEmployerChanges(deps.db, views) };
}

/** One registration in the caller's scope (candidate, employer, authority, province). */
export async function getRegistration(deps: Deps, actor: Actor, id: string): Promise<RegistrationView | null> {
  const [row] = await registrationViewQuery(deps.db).where(inScope(actor, registrationScope, eq(registrations.id, id), isNull(registrations.deletedAt)));
  if (!row) return null;
  // The employer sees a registration only once it has been submitted to it.
  if (actor.role === 'enterprise' && row.registration.status === 'draft') return null;
  const [view] = await withPendingEmployerChanges(deps.db, [toRegistrationView(deps, row)]);
  return view;
}

export async function listMyRegistrations(deps: Deps, actor: Actor): Promise<RegistrationView[]> {
  const rows = await registrationViewQuery(deps.db)
    .where(inScope(actor, registrationScope, isNull(registrations.deletedAt)))
    .orderBy(desc(registrations.createdAt));
  return withPendingEmployerChanges(deps.db, rows.map((r) => toRegistrationView(deps, r)));
}

/** 企业确认 queue: registrations naming this enterprise, awaiting it or already handled. */
export async function listEmployerQueue(
  deps: Deps,
  actor: Actor,
  filter: { status?: RegistrationStatus; name?: string },
  paging: { page: number; pageSize: number },
): Promise<{ total: number; rows: RegistrationView[] }> {
  const c: (SQL | undefined)[] = [isNull(registrations.deletedAt), gte(registrations.submittedAt, new Date(0))];
  if (filter.status) c.push(eq(registrations.status, filter.status));
  if (filter.name) c.push(ilike(persons.name, `%${filter.name.replace(/[%_\\]/g, '\\$&')}%`));
  const where = and(inScope(actor, registrationScope), ...c);
  const [{ total }] = await deps.db.select({ total: count() }).from(registrations).innerJoin(persons, eq(persons.id, registrations.personId)).where(where);
  const rows = await registrationViewQuery(deps.db).where(where).orderBy(desc(registrations.submittedAt)).limit(paging.pageSize).offset((paging.page - 1) * paging.pageSize);
  return { total, rows: rows.map((r) => toRegistrationView(deps, r)) };
}
