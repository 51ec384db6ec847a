import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from './actor.js';

/**
 * The columns by which a scoped resource belongs to a jurisdiction, an
 * enterprise or a person. Each resource declares them once, beside its table.
 */
export type ScopeColumns = {
  jurisdiction?: AnyPgColumn;
  enterprise?: AnyPgColumn;
  person?: AnyPgColumn;
  /**
   * Like `person`, for what belongs to the person before this account existed
   * (certificates, filings): a candidate sees it only once the account's identity
   * was confirmed by someone who checked the person.
   */
  verifiedPerson?: AnyPgColumn;
};

const NOTHING = sql`false`;
const EVERYTHING = sql`true`;

type ScopeKey = 'jurisdiction' | 'enterprise' | 'person' | 'verifiedPerson';

/**
 * The one place that decides which rows of a scoped resource a role may see.
 * `value` supplies the caller's jurisdiction / enterprise / person: the actual
 * values, or placeholders for a prepared statement.
 */
function scopeCondition(role: Actor['role'], cols: ScopeColumns, value: (key: ScopeKey) => unknown): SQL {
  switch (role) {
    case 'province':
      return EVERYTHING;
    case 'city':
      return cols.jurisdiction ? eq(cols.jurisdiction, value('jurisdiction')) : NOTHING;
    case 'enterprise':
      return cols.enterprise ? eq(cols.enterprise, value('enterprise')) : NOTHING;
    case 'candidate':
      if (cols.verifiedPerson) return eq(cols.verifiedPerson, value('verifiedPerson'));
      return cols.person ? eq(cols.person, value('person')) : NOTHING;
    default:
      // Training institutions and the three operators (三权分立: system, security and
      // audit administrators) see no personal records by scope.
      return NOTHING;
  }
}

function actorValue(actor: Actor, key: ScopeKey): string | null {
  if (key === 'verifiedPerson') return actor.identityVerified ? actor.personId : null;
  return key === 'jurisdiction' ? actor.jurisdictionCode : key === 'enterprise' ? actor.enterpriseId : actor.personId;
}

/**
 * Every read and write of a scoped resource adds this condition, so an object
 * outside the caller's scope is simply not found (404), never "forbidden".
 */
export function scopeWhere(actor: Actor, cols: ScopeColumns): SQL {
  return scopeCondition(actor.role, cols, (key) => actorValue(actor, key) ?? sql`null`);
}

/** The same condition for a prepared statement of one role; bind it with `scopeParams(actor)`. */
export function scopeWherePrepared(role: Actor['role'], cols: ScopeColumns): SQL {
  return scopeCondition(role, cols, (key) => sql.placeholder(`scope_${key}`));
}

export function scopeParams(actor: Actor): Record<string, string | null> {
  return {
    scope_jurisdiction: actor.jurisdictionCode,
    scope_enterprise: actor.enterpriseId,
    scope_person: actor.personId,
    scope_verifiedPerson: actorValue(actor, 'verifiedPerson'),
  };
}

/** `scopeWhere` combined with further conditions. */
export function inScope(actor: Actor, cols: ScopeColumns, ...conditions: (SQL | undefined)[]): SQL {
  return and(scopeWhere(actor, cols), ...conditions) ?? NOTHING;
}
