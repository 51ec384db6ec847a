/** Chinese names of request fields, so a validation message can name the field. */
export const FIELD_LABELS: Record<string, string> = {
  username: '账号',
  password: '密码',
  currentPassword: '原密码',
  newPassword: '新密码',
  name: '姓名',
  idNumber: '身份证号',
  phone: '手机号',
  displayName: '名称',
  role: '角色',
  jurisdictionCode: '所属地区',
  creditCode: '统一社会信用代码',
  enterpriseName: '企业名称',
  contactName: '联系人',
  contactPhone: '联系电话',
  reason: '原因',
  page: '页码',
  pageSize: '每页条数',
  from: '开始日期',
  to: '结束日期',
  action: '操作类型',
  outcome: '结果',
  keyword: '关键字',
  minLength: '密码最小长度',
  minClasses: '密码字符类别数',
  maxFailedLogins: '连续失败次数上限',
  lockMinutes: '锁定时长',
  idleMinutes: '空闲超时',
  absoluteHours: '会话最长时长',
};

export function fieldLabel(path: string): string {
  return FIELD_LABELS[path] ?? path;
}
