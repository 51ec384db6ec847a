import { and, count, eq, gt, sql } from 'drizzle-orm';
import { LOGIN_RATE_LIMIT } from '../../../shared/domain/security-policy.js';
import type { Deps } from '../../deps.js';
import { accounts, loginFailures, persons } from '../../db/schema/index.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { burnPasswordCheck, verifyPassword } from '../../security/passwords.js';
import { recordAudit } from '../audit/record-audit.js';
import { getSecurityPolicy } from '../settings/security-policy.js';
import { createSession, destroySession } from './sessions.js';

export type LoginInput = { username: string; password: string };

const WRONG_CREDENTIALS = '账号或密码错误';

/** Candidates log in with ID number or phone; issued accounts with their username. */
async function findAccount(deps: Deps, identifier: string) {
  const value = identifier.trim();
  if (/^\d{17}[\dXx]$/.test(value)) {
    const hash = deps.crypto.lookupHash('id', value.toUpperCase());
    const [row] = await deps.db.select({ account: accounts }).from(accounts)
      .innerJoin(persons, eq(persons.id, accounts.personId)).where(eq(persons.idNumberHash, hash));
    if (row) return row.account;
  }
  if (/^1\d{10}$/.test(value)) {
    const hash = deps.crypto.lookupHash('phone', value);
    const [row] = await deps.db.select({ account: accounts }).from(accounts)
      .innerJoin(persons, eq(persons.id, accounts.personId)).where(eq(persons.phoneHash, hash));
    if (row) return row.account;
  }
  const [account] = await deps.db.select().from(accounts).where(eq(accounts.username, value.toLowerCase()));
  return account;
}

/**
 * Refuses an address with too many failed logins in the window, whatever
 * accounts it tried; counted in the database so every process shares the limit.
 */
async function enforceAddressLimit(deps: Deps, ctx: RequestContext): Promise<void> {
  const [row] = await deps.db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.ip, ctx.ip), gt(loginFailures.at, sql`now() - make_interval(mins => ${LOGIN_RATE_LIMIT.windowMinutes})`)));
  if (row.n >= LOGIN_RATE_LIMIT.attempts) {
    await recordAudit(deps.db, ctx, { action: 'auth.rate_limited', outcome: 'denied' });
    throw new AppError('RATE_LIMITED', `登录失败次数过多，请${LOGIN_RATE_LIMIT.windowMinutes}分钟后再试`);
  }
}

async function countAddressFailure(deps: Deps, ctx: RequestContext): Promise<void> {
  await deps.db.insert(loginFailures).values({ ip: ctx.ip });
  if (Math.random() < 0.01) {
    await deps.db.delete(loginFailures).where(sql`${loginFailures.at} < now() - interval '1 day'`);
  }
}

export async function login(
  deps: Deps,
  ctx: RequestContext,
  input: LoginInput,
  previousTokenHash?: string,
): Promise<{ token: string; accountId: string; mustChangePassword: boolean }> {
  await enforceAddressLimit(deps, ctx);
  const policy = await getSecurityPolicy(deps.db);
  const account = await findAccount(deps, input.username);
  const attempted = { username: input.username.slice(0, 64) };
  if (!account) {
    await burnPasswordCheck(input.password);
    await countAddressFailure(deps, ctx);
    await recordAudit(deps.db, ctx, { action: 'auth.login', outcome: 'failure', detail: { ...attempted, reason: 'unknown_account' } });
    throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  }
  const accountCtx = { ...ctx, actor: null };
  const target = { targetType: 'account', targetId: account.id, jurisdictionCode: account.jurisdictionCode };

  const [lock] = await deps.db
    .select({ lockedUntil: accounts.lockedUntil, locked: sql<boolean>`coalesce(${accounts.lockedUntil} > now(), false)` })
    .from(accounts)
    .where(eq(accounts.id, account.id));
  if (lock.locked) {
    await recordAudit(deps.db, accountCtx, { action: 'auth.login', outcome: 'denied', ...target, detail: { ...attempted, reason: 'locked' } });
    throw new AppError('ACCOUNT_LOCKED', `账号已锁定，请于 ${formatTime(lock.lockedUntil!)} 后再试`);
  }

  if (!(await verifyPassword(account.passwordHash, input.password))) {
    await countAddressFailure(deps, ctx);
    // One atomic statement counts the failure and locks at the threshold,
    // so parallel guesses cannot slip past the limit. An expired lock starts a new count.
    const expired = sql`(${accounts.lockedUntil} IS NOT NULL AND ${accounts.lockedUntil} <= now())`;
    const next = sql`(CASE WHEN ${expired} THEN 1 ELSE ${accounts.failedLoginCount} + 1 END)`;
    const [after] = await deps.db
      .update(accounts)
      .set({
        failedLoginCount: next,
        lockedUntil: sql`CASE WHEN ${next} >= ${policy.maxFailedLogins} THEN now() + make_interval(mins => ${policy.lockMinutes}) ELSE NULL END`,
      })
      .where(eq(accounts.id, account.id))
      .returning({ failed: accounts.failedLoginCount, lockedUntil: accounts.lockedUntil });
    await deps.db.transaction(async (tx) => {
      await recordAudit(tx, accountCtx, { action: 'auth.login', outcome: 'failure', ...target, detail: { ...attempted, reason: 'wrong_password', failedCount: after.failed } });
      if (after.lockedUntil) {
        await recordAudit(tx, accountCtx, { action: 'auth.locked', outcome: 'success', ...target, detail: { failedCount: after.failed, lockMinutes: policy.lockMinutes } });
      }
    });
    if (after.lockedUntil) {
      throw new AppError('ACCOUNT_LOCKED', `密码连续错误${policy.maxFailedLogins}次，账号已锁定${policy.lockMinutes}分钟`);
    }
    throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  }

  if (account.disabledAt) {
    await recordAudit(deps.db, accountCtx, { action: 'auth.login', outcome: 'denied', ...target, detail: { ...attempted, reason: 'disabled' } });
    throw new AppError('FORBIDDEN', '账号已停用，请联系发放账号的主管部门');
  }

  return deps.db.transaction(async (tx) => {
    // A fresh session id at every login (no fixation); the browser's previous session ends.
    if (previousTokenHash) await destroySession(tx, previousTokenHash);
    await tx
      .update(accounts)
      .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: sql`now()` })
      .where(eq(accounts.id, account.id));
    const token = await createSession(tx, deps.sessions, account.id, ctx.ip, ctx.userAgent);
    const loggedIn = { ip: ctx.ip, actor: { ...account, accountId: account.id } };
    await recordAudit(tx, loggedIn, { action: 'auth.login', outcome: 'success', ...target });
    return { token, accountId: account.id, mustChangePassword: account.mustChangePassword };
  });
}

function formatTime(d: Date): string {
  // Shown to people in China: Beijing time, HH:mm.
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}
