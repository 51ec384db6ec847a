import { z } from 'zod';
import { ROLES, type Role } from './roles.js';

/**
 * Login and session policy (等保 level 3 baseline). The security administrator
 * may tighten or adjust it within these bounds; the defaults are the baseline.
 */
export const securityPolicySchema = z.object({
  minLength: z.number().int().min(8, '不能少于8').max(32, '不能超过32'),
  minClasses: z.number().int().min(3, '不能少于3').max(4, '不能超过4'),
  maxFailedLogins: z.number().int().min(3, '不能少于3').max(10, '不能超过10'),
  lockMinutes: z.number().int().min(5, '不能少于5分钟').max(1440, '不能超过1440分钟'),
  idleMinutes: z.number().int().min(5, '不能少于5分钟').max(30, '不能超过30分钟'),
  absoluteHours: z.number().int().min(1, '不能少于1小时').max(12, '不能超过12小时'),
  /**
   * Roles that must enrol a TOTP second factor before they may use the system;
   * every other role may enrol of its own accord. A policy saved before this
   * field existed reads as the default, not as "nobody".
   */
  twoFactorRoles: z
    .array(z.enum(ROLES))
    .max(ROLES.length)
    .default(() => [...DEFAULT_TWO_FACTOR_ROLES]),
});
export type SecurityPolicy = z.infer<typeof securityPolicySchema>;

/** What the security administrator sends: a client that leaves out the second-factor roles keeps them as they are. */
export const securityPolicyChangeSchema = securityPolicySchema.extend({
  twoFactorRoles: z.array(z.enum(ROLES, '角色无效')).max(ROLES.length).optional(),
});

/** Authorities and the three operator administrators hold the powers worth stealing; enterprises and institutions may opt in; candidates are not asked. */
export const DEFAULT_TWO_FACTOR_ROLES: readonly Role[] = ['province', 'city', 'sysadmin', 'secadmin', 'auditadmin'];

export function twoFactorRequired(policy: SecurityPolicy, role: Role): boolean {
  return policy.twoFactorRoles.includes(role);
}

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  minLength: 8,
  minClasses: 3,
  maxFailedLogins: 5,
  lockMinutes: 15,
  idleMinutes: 30,
  absoluteHours: 12,
  twoFactorRoles: [...DEFAULT_TWO_FACTOR_ROLES],
};

/** Per-address limit of failed logins per window, independent of accounts. */
export const LOGIN_RATE_LIMIT = { attempts: 20, windowMinutes: 5 } as const;
