export const ROLES = ['candidate', 'enterprise', 'training', 'city', 'province', 'sysadmin', 'secadmin', 'auditadmin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  candidate: '学员',
  enterprise: '企业',
  training: '培训机构',
  city: '市(州)主管部门',
  province: '省厅安全处',
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditadmin: '审计管理员',
};

/**
 * Which roles each issuing role may create (SPEC §1, 三权分立): business accounts
 * along the issuer chain only; the system administrator issues further system
 * operators and nothing else. The province account, the security and the audit
 * administrator come from the installation (and `npm run account:reset` on the server).
 */
export const ISSUABLE_ROLES: Partial<Record<Role, readonly Role[]>> = {
  province: ['city', 'training'],
  city: ['enterprise', 'training'],
  sysadmin: ['sysadmin'],
};

/** Roles that belong to one jurisdiction and therefore must carry its code. */
export const JURISDICTION_ROLES: readonly Role[] = ['city', 'enterprise'];

/**
 * Which accounts a role may list, disable, enable, unlock and reset (password,
 * second factor): the issuer chain. Candidates are reached through the city
 * they registered with. The system administrator manages system operators only:
 * resetting a business account would let it sign in as that account.
 */
export const MANAGEABLE_ROLES: Partial<Record<Role, readonly Role[]>> = {
  province: ['city', 'training'],
  city: ['enterprise', 'training', 'candidate'],
  sysadmin: ['sysadmin'],
};
