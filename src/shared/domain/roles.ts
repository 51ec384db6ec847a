export const ROLES = [
  'candidate',
  'enterprise',
  'training',
  'city',
  'province',
  'sysadmin',
  'secadmin',
  'auditadmin',
] as const;
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

/** Which roles each issuing role may create and manage (SPEC §1). */
export const ISSUABLE_ROLES: Partial<Record<Role, readonly Role[]>> = {
  province: ['city', 'training'],
  city: ['enterprise', 'training'],
  sysadmin: ['province', 'city', 'training'],
};

/** Roles that belong to one jurisdiction and therefore must carry its code. */
export const JURISDICTION_ROLES: readonly Role[] = ['city', 'enterprise'];

/**
 * Which accounts a role may list, disable, enable, unlock and reset.
 * The system administrator manages every account except the other two administrators.
 */
export const MANAGEABLE_ROLES: Partial<Record<Role, readonly Role[]>> = {
  province: ['city', 'training'],
  city: ['enterprise', 'training'],
  sysadmin: ['province', 'city', 'training', 'enterprise', 'candidate'],
};
