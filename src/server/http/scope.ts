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
};

const NOTHING = sql`false`;
const EVERYTHING = sql`true`;

/**
 * The one place that decides which rows of a scoped resource a caller may see.
 * Every read and write of a scoped resource adds this condition, so an object
 * outside the caller's scope is simply not found (404), never "forbidden".
 */
export function scopeWhere(actor: Actor, cols: ScopeColumns): SQL {
  switch (actor.role) {
    case 'province':
    case 'sysadmin':
      return EVERYTHING;
    case 'city':
      return cols.jurisdiction && actor.jurisdictionCode ? eq(cols.jurisdiction, actor.jurisdictionCode) : NOTHING;
    case 'enterprise':
      return cols.enterprise && actor.enterpriseId ? eq(cols.enterprise, actor.enterpriseId) : NOTHING;
    case 'candidate':
      return cols.person && actor.personId ? eq(cols.person, actor.personId) : NOTHING;
    default:
      // training, security and audit administrators see no personal records by scope.
      return NOTHING;
  }
}

/** `scopeWhere` combined with further conditions. */
export function inScope(actor: Actor, cols: ScopeColumns, ...conditions: (SQL | undefined)[]): SQL {
  return and(scopeWhere(actor, cols), ...conditions) ?? NOTHING;
}
