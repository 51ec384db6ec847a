import type { Role } from '../../shared/domain/roles.js';

/** Who is calling: resolved from the session cookie once per request. */
export type Actor = {
  accountId: string;
  role: Role;
  displayName: string;
  username: string | null;
  jurisdictionCode: string | null;
  enterpriseId: string | null;
  personId: string | null;
  mustChangePassword: boolean;
  /** Candidates: someone who checked the person confirmed this account is them (see accounts.identityVerifiedAt). */
  identityVerified?: boolean;
  /** The security policy requires a second factor of this role and the account has none yet. */
  mustEnrolTwoFactor?: boolean;
  sessionTokenHash: string;
};

/** What a use-case needs to know about the request besides its input. */
export type RequestContext = { actor: Actor | null; ip: string; userAgent: string | null };

/**
 * Who may call a route. Every /api route declares one (the app refuses to start
 * otherwise), and the authorization-matrix test calls every route as every role.
 * - 'public': anyone, also anonymous
 * - 'authenticated': any logged-in role
 * - a list of roles
 * `duringPasswordChange` marks the few routes an account that must change its
 * password may still call (who am I, change password, logout);
 * `duringTwoFactorEnrolment` those an account that must first enrol a second
 * factor may call (who am I, logout, the enrolment itself).
 */
export type Access =
  | { public: true; csrf?: boolean }
  | { roles: readonly Role[] | 'authenticated'; duringPasswordChange?: boolean; duringTwoFactorEnrolment?: boolean };

export const PUBLIC: Access = { public: true };
export const AUTHENTICATED: Access = { roles: 'authenticated' };
export const only = (...roles: Role[]): Access => ({ roles });

export function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new Error('route reached without an actor: check its access declaration');
  return ctx.actor;
}
