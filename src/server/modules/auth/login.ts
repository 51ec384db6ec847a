import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/client.js';
import { accounts, accountTotp, pendingLogins, persons } from '../../db/schema/index.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { burnPasswordCheck, verifyPassword } from '../../security/passwords.js';
import { recordAudit } from '../audit/record-audit.js';
import { getSecurityPolicy } from '../settings/security-policy.js';
import {
  enforceAddressLimit,
  failAccountAttempt,
  failUnknownAttempt,
  identifierHash,
  normaliseIdentifier,
  refuseLockedAccount,
  refuseLockedUnknown,
  WRONG_CREDENTIALS,
} from './login-attempts.js';
import { createSession, destroySession } from './sessions.js';

export type LoginInput = { username: string; password: string };

/** A session, or — for an account with a second factor — only a token to redeem with the code. */
export type LoginResult = { kind: 'session'; token: string; accountId: string } | { kind: 'code_required'; pendingToken: string };

/** Long enough to open the authenticator app, short enough that a stolen token is worthless. */
export const PENDING_LOGIN_MINUTES = 5;

/** Candidates log in with ID number or phone; issued accounts with their username. */
async function findAccount(deps: Deps, identifier: string) {
  const value = normaliseIdentifier(identifier);
  if (/^\d{17}[\dX]$/.test(value)) {
    const hash = deps.crypto.lookupHash('id', value);
    const [row] = await deps.db
      .select({ account: accounts })
      .from(accounts)
      .innerJoin(persons, eq(persons.id, accounts.personId))
      .where(eq(persons.idNumberHash, hash));
    if (row) return row.account;
  }
  if (/^1\d{10}$/.test(value)) {
    const hash = deps.crypto.lookupHash('phone', value);
    const [row] = await deps.db
      .select({ account: accounts })
      .from(accounts)
      .innerJoin(persons, eq(persons.id, accounts.personId))
      .where(eq(persons.phoneHash, hash));
    if (row) return row.account;
  }
  const [account] = await deps.db.select().from(accounts).where(eq(accounts.username, value));
  return account;
}

/** The password step. The typed identifier reaches the audit log only as a keyed hash. */
export async function login(
  deps: Deps,
  ctx: RequestContext,
  input: LoginInput,
  previousTokenHash?: string,
): Promise<LoginResult> {
  await enforceAddressLimit(deps, ctx);
  const policy = await getSecurityPolicy(deps.db);
  const attempted = { identifierHash: identifierHash(deps, input.username) };
  const account = await findAccount(deps, input.username);
  if (!account) {
    await refuseLockedUnknown(deps, ctx, attempted.identifierHash);
    await burnPasswordCheck(input.password);
    return failUnknownAttempt(deps, ctx, policy, attempted.identifierHash);
  }
  const target = { targetType: 'account', targetId: account.id, jurisdictionCode: account.jurisdictionCode };
  await refuseLockedAccount(deps, ctx, account, attempted);

  if (!(await verifyPassword(account.passwordHash, input.password))) {
    return failAccountAttempt(
      deps,
      ctx,
      policy,
      account,
      { ...attempted, reason: 'wrong_password' },
      new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS),
    );
  }

  if (account.disabledAt) {
    await recordAudit(
      deps.db,
      { ...ctx, actor: null },
      { action: 'auth.login', outcome: 'denied', ...target, detail: { ...attempted, reason: 'disabled' } },
    );
    throw new AppError('FORBIDDEN', '账号已停用，请联系发放账号的主管部门');
  }

  const [enrolled] = await deps.db
    .select({ accountId: accountTotp.accountId })
    .from(accountTotp)
    .where(and(eq(accountTotp.accountId, account.id), isNotNull(accountTotp.confirmedAt)));
  if (enrolled) {
    // No session yet, and the failure count stays: only the code completes the
    // login, and a known password must not buy fresh guesses at the code.
    const pendingToken = deps.sessions.newToken();
    await deps.db.transaction(async (tx) => {
      await tx.delete(pendingLogins).where(sql`${pendingLogins.expiresAt} < now()`);
      await tx.insert(pendingLogins).values({
        tokenHash: deps.sessions.hash(pendingToken),
        accountId: account.id,
        expiresAt: sql`now() + make_interval(mins => ${PENDING_LOGIN_MINUTES})`,
      });
      await recordAudit(tx, { ...ctx, actor: null }, { action: 'auth.code_requested', outcome: 'success', ...target });
    });
    return { kind: 'code_required', pendingToken };
  }

  const token = await deps.db.transaction((tx) => startSession(tx, deps, ctx, account, previousTokenHash, {}));
  return { kind: 'session', token, accountId: account.id };
}

/** Ends the browser's previous session, resets the failure count, opens a session and audits the login. */
export async function startSession(
  tx: Executor,
  deps: Deps,
  ctx: RequestContext,
  account: typeof accounts.$inferSelect,
  previousTokenHash: string | undefined,
  detail: Record<string, unknown>,
): Promise<string> {
  // A fresh session id at every login (no fixation); the browser's previous session ends.
  if (previousTokenHash) await destroySession(tx, previousTokenHash);
  await tx
    .update(accounts)
    .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: sql`now()` })
    .where(eq(accounts.id, account.id));
  const token = await createSession(tx, deps.sessions, account.id, ctx.ip, ctx.userAgent);
  const loggedIn = { ip: ctx.ip, actor: { ...account, accountId: account.id } };
  await recordAudit(tx, loggedIn, {
    action: 'auth.login',
    outcome: 'success',
    targetType: 'account',
    targetId: account.id,
    jurisdictionCode: account.jurisdictionCode,
    detail,
  });
  return token;
}
