import { and, count, eq, gt, sql, type SQL } from 'drizzle-orm';
import { LOGIN_RATE_LIMIT, type SecurityPolicy } from '../../../shared/domain/security-policy.js';
import type { Deps } from '../../deps.js';
import { accounts, loginFailures, loginIdentifierFailures, pendingLogins } from '../../db/schema/index.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';

/**
 * What counts failed logins — per address, per account, per unknown identifier —
 * shared by the password step and the code step, so a wrong code costs the same
 * as a wrong password. Every counter lives in the database: all processes agree.
 */

export const WRONG_CREDENTIALS = '账号或密码错误';

/** How the typed identifier is compared: ID numbers upper-case (X), everything else lower-case. */
export function normaliseIdentifier(raw: string): string {
  const value = raw.trim();
  return /^\d{17}[\dXx]$/.test(value) ? value.toUpperCase() : value.toLowerCase();
}

/** What the audit log keeps of a typed identifier: a keyed hash, never the ID number or phone itself. */
export function identifierHash(deps: Deps, raw: string): string {
  return deps.crypto.lookupHash('login', normaliseIdentifier(raw));
}

/**
 * Refuses an address with too many failed logins in the window, whatever
 * accounts it tried; counted in the database so every process shares the limit.
 */
export async function enforceAddressLimit(deps: Deps, ctx: RequestContext): Promise<void> {
  const [row] = await deps.db
    .select({ n: count() })
    .from(loginFailures)
    .where(
      and(
        eq(loginFailures.ip, ctx.ip),
        gt(loginFailures.at, sql`now() - make_interval(mins => ${LOGIN_RATE_LIMIT.windowMinutes})`),
      ),
    );
  if (row.n >= LOGIN_RATE_LIMIT.attempts) {
    await recordAudit(deps.db, ctx, { action: 'auth.rate_limited', outcome: 'denied' });
    throw new AppError('RATE_LIMITED', `登录失败次数过多，请${LOGIN_RATE_LIMIT.windowMinutes}分钟后再试`);
  }
}

export async function countAddressFailure(deps: Deps, ctx: RequestContext): Promise<void> {
  await deps.db.insert(loginFailures).values({ ip: ctx.ip });
  if (Math.random() < 0.01) {
    await deps.db.delete(loginFailures).where(sql`${loginFailures.at} < now() - interval '1 day'`);
    // Counters of unknown identifiers are kept a month: long enough that their
    // forgetting cannot be told apart from an account's counter in any useful time.
    await deps.db.delete(loginIdentifierFailures).where(sql`${loginIdentifierFailures.updatedAt} < now() - interval '30 days'`);
  }
}

function formatTime(d: Date): string {
  // Shown to people in China: Beijing time, HH:mm.
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
}

/** The one answer to a locked identifier, known or not. */
export const lockedError = (until: Date) => new AppError('ACCOUNT_LOCKED', `账号已锁定，请于 ${formatTime(until)} 后再试`);
const justLockedError = (policy: SecurityPolicy) =>
  new AppError('ACCOUNT_LOCKED', `密码连续错误${policy.maxFailedLogins}次，账号已锁定${policy.lockMinutes}分钟`);

type AccountRef = { id: string; jurisdictionCode: string | null };
const accountTarget = (account: AccountRef) => ({
  targetType: 'account',
  targetId: account.id,
  jurisdictionCode: account.jurisdictionCode,
});

/** The account's lock as the database clock sees it. */
export async function accountLock(deps: Deps, accountId: string): Promise<Date | null> {
  const [lock] = await deps.db
    .select({ lockedUntil: accounts.lockedUntil, locked: sql<boolean>`coalesce(${accounts.lockedUntil} > now(), false)` })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return lock?.locked ? lock.lockedUntil : null;
}

/**
 * Counts one failure (wrong password or wrong code) on an existing account and
 * throws the answer: the generic one, or the lock at the threshold. One atomic
 * statement counts and locks, so parallel guesses cannot slip past the limit;
 * an expired lock starts a new count.
 */
export async function failAccountAttempt(
  deps: Deps,
  ctx: RequestContext,
  policy: SecurityPolicy,
  account: AccountRef,
  detail: Record<string, unknown> & { reason: string },
  wrong: AppError,
): Promise<never> {
  await countAddressFailure(deps, ctx);
  const expired = sql`(${accounts.lockedUntil} IS NOT NULL AND ${accounts.lockedUntil} <= now())`;
  const next = sql`(CASE WHEN ${expired} THEN 1 ELSE ${accounts.failedLoginCount} + 1 END)`;
  const accountCtx = { ...ctx, actor: null };
  const after = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(accounts)
      .set({
        failedLoginCount: next,
        lockedUntil: sql`CASE WHEN ${next} >= ${policy.maxFailedLogins} THEN now() + make_interval(mins => ${policy.lockMinutes}) ELSE NULL END`,
      })
      .where(eq(accounts.id, account.id))
      .returning({ failed: accounts.failedLoginCount, lockedUntil: accounts.lockedUntil });
    await recordAudit(tx, accountCtx, {
      action: 'auth.login',
      outcome: 'failure',
      ...accountTarget(account),
      detail: { ...detail, failedCount: row.failed },
    });
    if (row.lockedUntil) {
      // A locked account keeps no half-finished logins waiting for a code.
      await tx.delete(pendingLogins).where(eq(pendingLogins.accountId, account.id));
      await recordAudit(tx, accountCtx, {
        action: 'auth.locked',
        outcome: 'success',
        ...accountTarget(account),
        detail: { failedCount: row.failed, lockMinutes: policy.lockMinutes },
      });
    }
    return row;
  });
  throw after.lockedUntil ? justLockedError(policy) : wrong;
}

export async function refuseLockedAccount(
  deps: Deps,
  ctx: RequestContext,
  account: AccountRef,
  detail: Record<string, unknown>,
): Promise<void> {
  const until = await accountLock(deps, account.id);
  if (!until) return;
  await recordAudit(
    deps.db,
    { ...ctx, actor: null },
    { action: 'auth.login', outcome: 'denied', ...accountTarget(account), detail: { ...detail, reason: 'locked' } },
  );
  throw lockedError(until);
}

/**
 * An identifier that matches no account is counted and locked exactly like an
 * account (same threshold, same minutes, same messages), so lockout does not
 * tell an attacker which usernames, ID numbers or phones exist.
 */
export async function refuseLockedUnknown(deps: Deps, ctx: RequestContext, hash: string): Promise<void> {
  const [row] = await deps.db
    .select({
      lockedUntil: loginIdentifierFailures.lockedUntil,
      locked: sql<boolean>`coalesce(${loginIdentifierFailures.lockedUntil} > now(), false)`,
    })
    .from(loginIdentifierFailures)
    .where(eq(loginIdentifierFailures.identifierHash, hash));
  if (!row?.locked) return;
  await recordAudit(deps.db, ctx, {
    action: 'auth.login',
    outcome: 'denied',
    detail: { identifierHash: hash, reason: 'locked' },
  });
  throw lockedError(row.lockedUntil!);
}

export async function failUnknownAttempt(deps: Deps, ctx: RequestContext, policy: SecurityPolicy, hash: string): Promise<never> {
  await countAddressFailure(deps, ctx);
  const t = loginIdentifierFailures;
  const expired = sql`(${t.lockedUntil} IS NOT NULL AND ${t.lockedUntil} <= now())`;
  const next = sql`(CASE WHEN ${expired} THEN 1 ELSE ${t.failedCount} + 1 END)`;
  const lockAt = (n: SQL) =>
    sql`CASE WHEN ${n} >= ${policy.maxFailedLogins} THEN now() + make_interval(mins => ${policy.lockMinutes}) ELSE NULL END`;
  const after = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(t)
      .values({ identifierHash: hash, failedCount: 1, lockedUntil: lockAt(sql`1`) })
      .onConflictDoUpdate({
        target: t.identifierHash,
        set: { failedCount: next, lockedUntil: lockAt(next), updatedAt: sql`now()` },
      })
      .returning({ failed: t.failedCount, lockedUntil: t.lockedUntil });
    await recordAudit(tx, ctx, {
      action: 'auth.login',
      outcome: 'failure',
      detail: { identifierHash: hash, reason: 'unknown_account', failedCount: row.failed },
    });
    if (row.lockedUntil) {
      await recordAudit(tx, ctx, {
        action: 'auth.locked',
        outcome: 'success',
        detail: { identifierHash: hash, failedCount: row.failed, lockMinutes: policy.lockMinutes },
      });
    }
    return row;
  });
  throw after.lockedUntil ? justLockedError(policy) : new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
}
