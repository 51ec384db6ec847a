import { z } from 'zod';

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
});
export type SecurityPolicy = z.infer<typeof securityPolicySchema>;

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  minLength: 8,
  minClasses: 3,
  maxFailedLogins: 5,
  lockMinutes: 15,
  idleMinutes: 30,
  absoluteHours: 12,
};

/** Per-address limit of failed logins per window, independent of accounts. */
export const LOGIN_RATE_LIMIT = { attempts: 20, windowMinutes: 5 } as const;
