/** Every action the audit log knows, with the Chinese label the audit screen shows. */
export const AUDIT_ACTIONS = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.locked': '账号被锁定',
  'auth.password_changed': '修改密码',
  'auth.rate_limited': '登录频率超限',
  'account.registered': '学员注册',
  'account.created': '创建账号',
  'account.disabled': '停用账号',
  'account.enabled': '启用账号',
  'account.password_reset': '重置密码',
  'account.unlocked': '解除锁定',
  'exam_client.created': '签发考试管理端凭证',
  'exam_client.revoked': '吊销考试管理端凭证',
  'settings.security_policy_changed': '修改安全策略',
  'install.bootstrap': '系统初始化',
  'pii.revealed': '查看完整敏感信息',
  'file.uploaded': '上传材料',
  'registration.saved': '保存报名',
  'registration.submitted': '提交报名',
  'registration.withdrawn': '撤回报名修改',
  'registration.employer_confirmed': '企业确认报名',
  'registration.employer_rejected': '企业退回报名',
  'registration.approved': '审核通过',
  'registration.returned': '审核退回',
  'registration.deleted': '删除报名',
  'employer_change.requested': '提交单位变更申请',
  'employer_change.approved': '单位变更审核通过',
  'employer_change.rejected': '单位变更审核退回',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_KEYS = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];
