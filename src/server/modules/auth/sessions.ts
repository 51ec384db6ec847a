import { createHmac, randomBytes } from 'node:crypto';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { twoFactorRequired } from '../../../shared/domain/security-policy.js';
import type { Db, Executor } from '../../db/client.js';
import { accounts, accountTotp, sessions } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { getSecurityPolicy } from '../settings/security-policy.js';

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

/**
 * Resolves a session token to its actor. Idle and absolute expiry are compared
 * with the database clock, so every server process agrees. An expired session,
 * or one whose account was disabled, is deleted on sight.
 */
/** The session lookup runs on every request: one prepared statement per database, planned once. */
const lookupStatements = new WeakMap<Db, ReturnType<typeof prepareLookup>>();
function prepareLookup(db: Db) {
  return db
    .select({
      account: accounts,
      alive: sql<boolean>`(${sessions.lastSeenAt} > now() - make_interval(mins => ${sql.placeholder('idleMinutes')}::int)
        AND ${sessions.createdAt} > now() - make_interval(hours => ${sql.placeholder('absoluteHours')}::int))`,
      stale: sql<boolean>`${sessions.lastSeenAt} < now() - interval '30 seconds'`,
      twoFactorEnrolled: sql<boolean>`(${accountTotp.accountId} IS NOT NULL)`,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    // In the same statement: whether the second factor the policy may require is in place.
    .leftJoin(accountTotp, and(eq(accountTotp.accountId, sessions.accountId), isNotNull(accountTotp.confirmedAt)))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .prepare('agt_session_lookup');
}

export async function resolveSession(db: Db, tokens: SessionTokens, token: string): Promise<SessionLookup> {
  const tokenHash = tokens.hash(token);
  const policy = await getSecurityPolicy(db);
  let lookup = lookupStatements.get(db);
  if (!lookup) lookupStatements.set(db, (lookup = prepareLookup(db)));
  const [row] = await lookup.execute({ tokenHash, idleMinutes: policy.idleMinutes, absoluteHours: policy.absoluteHours });
  if (!row) return null;
  if (!row.alive || row.account.disabledAt) {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return { expired: true };
  }
  if (row.stale) {
    // Touch at most every 30 s: idle expiry needs no finer grain, and it keeps writes off hot paths.
    await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.tokenHash, tokenHash));
  }
  const a = row.account;
  return {
    actor: {
      accountId: a.id,
      role: a.role,
      displayName: a.displayName,
      username: a.username,
      jurisdictionCode: a.jurisdictionCode,
      enterpriseId: a.enterpriseId,
      personId: a.personId,
      mustChangePassword: a.mustChangePassword,
      identityVerified: a.identityVerifiedAt !== null,
      // Read from the policy at each request, so a role made mandatory is held to it within seconds.
      mustEnrolTwoFactor: !row.twoFactorEnrolled && twoFactorRequired(policy, a.role),
      sessionTokenHash: tokenHash,
    },
  };
}

export async function destroySession(exec: Executor, tokenHash: string): Promise<void> {
  await exec.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends every session of an account (disable, password reset), optionally keeping the caller's own. */
export async function destroyAccountSessions(exec: Executor, accountId: string, exceptTokenHash?: string): Promise<void> {
  await exec
    .delete(sessions)
    .where(
      exceptTokenHash
        ? and(eq(sessions.accountId, accountId), sql`${sessions.tokenHash} <> ${exceptTokenHash}`)
        : eq(sessions.accountId, accountId),
    );
}
