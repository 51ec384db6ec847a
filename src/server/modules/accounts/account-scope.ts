import { eq, inArray } from 'drizzle-orm';
import { MANAGEABLE_ROLES, type Role } from '../../../shared/domain/roles.js';
import type { Executor } from '../../db/client.js';
import { accounts } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { notFound } from '../../http/errors.js';
import { inScope, type ScopeColumns } from '../../http/scope.js';

export const accountScope: ScopeColumns = {
  jurisdiction: accounts.jurisdictionCode,
  enterprise: accounts.enterpriseId,
  person: accounts.personId,
};


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
    .where(inScope(actor, accountScope, eq(accounts.id, id), inArray(accounts.role, [...roles])));
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
