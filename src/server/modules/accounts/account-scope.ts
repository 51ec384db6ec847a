import { and, eq, exists, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { MANAGEABLE_ROLES, type Role } from '../../../shared/domain/roles.js';
import type { Executor } from '../../db/client.js';
import { accounts, registrations } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { notFound } from '../../http/errors.js';
import { inScope, scopeWhere, type ScopeColumns } from '../../http/scope.js';

export const accountScope: ScopeColumns = {
  jurisdiction: accounts.jurisdictionCode,
  enterprise: accounts.enterpriseId,
  person: accounts.personId,
};

/**
 * The accounts the caller may manage, as SQL: the roles of MANAGEABLE_ROLES,
 * along the issuer chain. A city reaches the candidates who registered with it
 * (candidate accounts carry no jurisdiction of their own); the system
 * administrator reaches operator accounts only, never a business account.
 */
export function manageableAccountsWhere(actor: Actor, ...conditions: (SQL | undefined)[]): SQL {
  const roles = manageableRoles(actor);
  const ofRole = inArray(accounts.role, roles.length ? [...roles] : ['__none__' as Role]);
  if (actor.role === 'sysadmin') return and(ofRole, ...conditions)!;
  if (actor.role === 'city') {
    const registeredHere = exists(sql`(SELECT 1 FROM ${registrations} WHERE ${registrations.personId} = ${accounts.personId}
      AND ${registrations.jurisdictionCode} = ${actor.jurisdictionCode} AND ${registrations.deletedAt} IS NULL)`);
    return and(
      ofRole,
      or(
        and(ne(accounts.role, 'candidate'), scopeWhere(actor, { jurisdiction: accounts.jurisdictionCode })),
        and(eq(accounts.role, 'candidate'), registeredHere),
      ),
      ...conditions,
    )!;
  }
  return inScope(actor, accountScope, ofRole, ...conditions);
}

export function manageableRoles(actor: Actor): readonly Role[] {
  return MANAGEABLE_ROLES[actor.role] ?? [];
}

/** The account `id` if the caller may manage it, else 404 — strangers learn nothing. */
export async function loadManageableAccount(exec: Executor, actor: Actor, id: string) {
  const roles = manageableRoles(actor);
  if (roles.length === 0 || actor.accountId === id) throw notFound('账号');
  const [account] = await exec
    .select()
    .from(accounts)
    .where(manageableAccountsWhere(actor, eq(accounts.id, id)));
  if (!account) throw notFound('账号');
  return account;
}

/** Disabled > locked > must change password > normal; the state the screens show. */
export function accountStatus(a: { disabledAt: Date | null; lockedUntil: Date | null; mustChangePassword: boolean }, now: Date) {
  if (a.disabledAt) return 'disabled' as const;
  if (a.lockedUntil && a.lockedUntil > now) return 'locked' as const;
  if (a.mustChangePassword) return 'password_pending' as const;
  return 'active' as const;
}
