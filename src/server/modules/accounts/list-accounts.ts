import { desc, eq, ilike, isNotNull, isNull, or, sql, count, type SQL } from 'drizzle-orm';
import { ISSUABLE_ROLES, ROLE_LABELS, type Role } from '../../../shared/domain/roles.js';
import { ALLOWED, type Policies } from '../../../shared/policies.js';
import type { Deps } from '../../deps.js';
import { accounts, accountTotp, enterprises, jurisdictions } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { accountStatus, manageableAccountsWhere, manageableRoles } from './account-scope.js';

export type AccountFilter = {
  role?: Role;
  status?: 'active' | 'disabled' | 'locked' | 'password_pending';
  keyword?: string;
  jurisdictionCode?: string;
};

export type AccountRow = {
  id: string;
  username: string | null;
  role: Role;
  roleLabel: string;
  displayName: string;
  jurisdictionCode: string | null;
  jurisdictionName: string | null;
  creditCode: string | null;
  status: ReturnType<typeof accountStatus>;
  createdAt: string;
  lastLoginAt: string | null;
  /** A TOTP second factor is in force (the 重置双因素 action applies). */
  twoFactorEnrolled: boolean;
  policies: Policies<AccountAction>;
};

export type AccountAction = 'disable' | 'enable' | 'unlock' | 'resetPassword' | 'resetTwoFactor';

/** Every listed account is one the caller manages; what applies follows from its state. */
function accountPolicies(status: AccountRow['status'], twoFactorEnrolled: boolean): Policies<AccountAction> {
  return {
    ...(status === 'disabled' ? { enable: ALLOWED } : { disable: ALLOWED }),
    ...(status === 'locked' ? { unlock: ALLOWED } : {}),
    resetPassword: ALLOWED,
    ...(twoFactorEnrolled ? { resetTwoFactor: ALLOWED } : {}),
  };
}

function filterConditions(actor: Actor, filter: AccountFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (filter.role) conditions.push(eq(accounts.role, filter.role));
  if (filter.jurisdictionCode) conditions.push(eq(accounts.jurisdictionCode, filter.jurisdictionCode));
  if (filter.keyword) {
    const like = `%${filter.keyword.replace(/[%_\\]/g, '\\$&')}%`;
    conditions.push(or(ilike(accounts.username, like), ilike(accounts.displayName, like), ilike(enterprises.creditCode, like)));
  }
  switch (filter.status) {
    case 'disabled':
      conditions.push(isNotNull(accounts.disabledAt));
      break;
    case 'locked':
      conditions.push(isNull(accounts.disabledAt), sql`${accounts.lockedUntil} > now()`);
      break;
    case 'password_pending':
      conditions.push(isNull(accounts.disabledAt), eq(accounts.mustChangePassword, true));
      break;
    case 'active':
      conditions.push(
        isNull(accounts.disabledAt),
        sql`coalesce(${accounts.lockedUntil} <= now(), true)`,
        eq(accounts.mustChangePassword, false),
      );
      break;
  }
  return manageableAccountsWhere(actor, ...conditions);
}

export async function listAccounts(
  deps: Deps,
  actor: Actor,
  filter: AccountFilter,
  paging: { page: number; pageSize: number },
): Promise<{ total: number; rows: AccountRow[]; manageableRoles: readonly Role[]; issuableRoles: readonly Role[] }> {
  const where = filterConditions(actor, filter);
  const base = () =>
    deps.db
      .select({
        account: accounts,
        jurisdictionName: jurisdictions.name,
        creditCode: enterprises.creditCode,
        twoFactorEnrolled: sql<boolean>`(${accountTotp.confirmedAt} IS NOT NULL)`,
      })
      .from(accounts)
      .leftJoin(jurisdictions, eq(jurisdictions.code, accounts.jurisdictionCode))
      .leftJoin(accountTotp, eq(accountTotp.accountId, accounts.id))
      .leftJoin(enterprises, eq(enterprises.id, accounts.enterpriseId));
  const [{ total }] = await deps.db
    .select({ total: count() })
    .from(accounts)
    .leftJoin(enterprises, eq(enterprises.id, accounts.enterpriseId))
    .where(where);
  const rows = await base()
    .where(where)
    .orderBy(desc(accounts.createdAt), accounts.id)
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize);
  const now = deps.now();
  return {
    total,
    // The role filter and the 新建账号 form offer exactly what the caller may manage and issue.
    manageableRoles: manageableRoles(actor),
    issuableRoles: ISSUABLE_ROLES[actor.role] ?? [],
    rows: rows.map(({ account: a, jurisdictionName, creditCode, twoFactorEnrolled }) => ({
      id: a.id,
      username: a.username,
      role: a.role,
      roleLabel: ROLE_LABELS[a.role],
      displayName: a.displayName,
      jurisdictionCode: a.jurisdictionCode,
      jurisdictionName,
      creditCode,
      status: accountStatus(a, now),
      createdAt: a.createdAt.toISOString(),
      lastLoginAt: a.lastLoginAt?.toISOString() ?? null,
      twoFactorEnrolled,
      policies: accountPolicies(accountStatus(a, now), twoFactorEnrolled),
    })),
  };
}
