import { createHmac, randomBytes } from 'node:crypto';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { twoFactorRequired } from '../../../shared/domain/security-policy.js';
import type { Db, Executor } from '../../db/client.js';
import { accounts, accountTotp, sessions } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { getSecurityPolicy } from '../settings/security-policy.js';
import { forgetAccountSessionsHere, IDLE_GRACE_MS, type SessionCache } from './session-cache.js';

export const SESSION_COOKIE = 'agt_sid';

/** Session tokens are random; the database stores only their HMAC, so a leaked table cannot be replayed. */
export class SessionTokens {
  constructor(private readonly key: Buffer) {}
  newToken(): string {
    return randomBytes(32).toString('base64url');
  }
  hash(token: string): string {
    return createHmac('sha256', this.key).update(token).digest('base64url');
  }
}

export async function createSession(
  exec: Executor,
  tokens: SessionTokens,
  accountId: string,
  ip: string,
  userAgent: string | null,
): Promise<string> {
  const token = tokens.newToken();
  await exec.insert(sessions).values({ tokenHash: tokens.hash(token), accountId, ip, userAgent: userAgent?.slice(0, 300) });
  return token;
}

export type SessionLookup = { actor: Actor } | { expired: true } | null;

/** The session lookup runs on every cache miss: one prepared statement per database, planned once. */
const lookupStatements = new WeakMap<Db, ReturnType<typeof prepareLookup>>();
function prepareLookup(db: Db) {
  return (
    db
      .select({
        account: accounts,
        // The idle limit allows the margin of batched activity (session-cache.ts): late by at most that, never early.
        alive: sql<boolean>`(${sessions.lastSeenAt} > now() - make_interval(mins => ${sql.placeholder('idleMinutes')}::int, secs => ${sql.raw(String(IDLE_GRACE_MS / 1000))})
        AND ${sessions.createdAt} > now() - make_interval(hours => ${sql.placeholder('absoluteHours')}::int))`,
        sinceCreatedMs: sql<number>`(extract(epoch from now() - ${sessions.createdAt}) * 1000)::float8`,
        twoFactorEnrolled: sql<boolean>`(${accountTotp.accountId} IS NOT NULL)`,
      })
      .from(sessions)
      .innerJoin(accounts, eq(accounts.id, sessions.accountId))
      // In the same statement: whether the second factor the policy may require is in place.
      .leftJoin(accountTotp, and(eq(accountTotp.accountId, sessions.accountId), isNotNull(accountTotp.confirmedAt)))
      .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
      .prepare('agt_session_lookup')
  );
}

export type SessionDeps = { db: Db; sessions: SessionTokens; sessionCache: SessionCache };

/**
 * Resolves a session token to its actor: from this process's cache when it can
 * trust it (no round trip), else from the database. Idle and absolute expiry
 * are compared with the database clock, so every server process agrees. An
 * expired session, or one whose account was disabled, is deleted on sight.
 */
export async function resolveSession(deps: SessionDeps, token: string): Promise<SessionLookup> {
  const tokenHash = deps.sessions.hash(token);
  // Before the policy is read: a policy notice arriving meanwhile keeps what is built from it out of the cache.
  const read = deps.sessionCache.startRead();
  const policy = await getSecurityPolicy(deps.db);
  const cached = deps.sessionCache.lookup(tokenHash, {
    idleMs: policy.idleMinutes * 60_000,
    absoluteMs: policy.absoluteHours * 3_600_000,
  });
  if (cached) return { actor: cached };

  let lookup = lookupStatements.get(deps.db);
  if (!lookup) lookupStatements.set(deps.db, (lookup = prepareLookup(deps.db)));
  const [row] = await lookup.execute({ tokenHash, idleMinutes: policy.idleMinutes, absoluteHours: policy.absoluteHours });
  if (!row) return null;
  if (!row.alive || row.account.disabledAt) {
    deps.sessionCache.forget(tokenHash);
    await deps.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return { expired: true };
  }
  const a = row.account;
  const actor: Actor = {
    accountId: a.id,
    role: a.role,
    displayName: a.displayName,
    username: a.username,
    jurisdictionCode: a.jurisdictionCode,
    enterpriseId: a.enterpriseId,
    personId: a.personId,
    mustChangePassword: a.mustChangePassword,
    identityVerified: a.identityVerifiedAt !== null,
    // A role the policy makes mandatory is held to it at once: a policy change clears every cached session.
    mustEnrolTwoFactor: !row.twoFactorEnrolled && twoFactorRequired(policy, a.role),
    sessionTokenHash: tokenHash,
  };
  deps.sessionCache.remember(read, actor, { sinceCreatedMs: Number(row.sinceCreatedMs) });
  return { actor };
}

export async function destroySession(exec: Executor, tokenHash: string): Promise<void> {
  const [gone] = await exec
    .delete(sessions)
    .where(eq(sessions.tokenHash, tokenHash))
    .returning({ accountId: sessions.accountId });
  if (gone) forgetAccountSessionsHere(gone.accountId);
}

/** Ends every session of an account (disable, password reset), optionally keeping the caller's own. */
export async function destroyAccountSessions(exec: Executor, accountId: string, exceptTokenHash?: string): Promise<void> {
  forgetAccountSessionsHere(accountId);
  await exec
    .delete(sessions)
    .where(
      exceptTokenHash
        ? and(eq(sessions.accountId, accountId), sql`${sessions.tokenHash} <> ${exceptTokenHash}`)
        : eq(sessions.accountId, accountId),
    );
}
