import {
  QuestionCircleOutlined,
  HistoryOutlined,
  UserSwitchOutlined,
  ApiOutlined,
  CloudUploadOutlined,
  FileAddOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  SafetyCertificateOutlined,
  CalendarOutlined,
  IdcardOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  BookOutlined,
  ReadOutlined,
  CheckSquareOutlined,
  FormOutlined,
  HomeOutlined,
  KeyOutlined,
  SafetyOutlined,
  SettingOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Role } from '../shared/domain/roles';

export type MenuEntry = { path: string; label: string; icon: ReactNode; roles: Role[] | 'all' };

/** The side menu of every role: one list, filtered by the signed-in role. */
export const MENU: MenuEntry[] = [
  { path: '/', label: '首页', icon: <HomeOutlined />, roles: 'all' },
  { path: '/registrations', label: '在线报名', icon: <FormOutlined />, roles: ['candidate'] },
  { path: '/study', label: '在线学习', icon: <ReadOutlined />, roles: ['candidate'] },
  { path: '/exams', label: '考试', icon: <IdcardOutlined />, roles: ['candidate'] },
  { path: '/my-certificates', label: '我的证书', icon: <SafetyCertificateOutlined />, roles: ['candidate'] },
  { path: '/courses', label: '课程管理', icon: <BookOutlined />, roles: ['training', 'province'] },
  { path: '/personnel', label: '本企业人员', icon: <TeamOutlined />, roles: ['enterprise'] },
  { path: '/employer/registrations', label: '报名确认', icon: <CheckSquareOutlined />, roles: ['enterprise'] },
  { path: '/employer/exam-results', label: '成绩查询', icon: <FileSearchOutlined />, roles: ['enterprise'] },
  { path: '/filings', label: '原持证人员备案', icon: <FileAddOutlined />, roles: ['enterprise'] },
  { path: '/personnel-changes', label: '人员变更申请', icon: <UserSwitchOutlined />, roles: ['enterprise'] },
  { path: '/extensions', label: '延期申请', icon: <HistoryOutlined />, roles: ['enterprise'] },
  { path: '/review/registrations', label: '学员报名审核', icon: <SolutionOutlined />, roles: ['city', 'province'] },
  { path: '/review/hours', label: '达到学时人数', icon: <BarChartOutlined />, roles: ['city', 'province'] },
  { path: '/exam-sessions', label: '考场管理', icon: <CalendarOutlined />, roles: ['city', 'province'] },
  { path: '/qualified-lists', label: '合格名单', icon: <FileDoneOutlined />, roles: ['city'] },
  { path: '/qualified-lists', label: '确认成绩名单', icon: <FileDoneOutlined />, roles: ['province'] },
  { path: '/certificates', label: '证书管理', icon: <SafetyCertificateOutlined />, roles: ['city', 'province'] },
  { path: '/certificates', label: '本企业证书', icon: <SafetyCertificateOutlined />, roles: ['enterprise'] },
  { path: '/national-reports', label: '全国平台上报', icon: <CloudUploadOutlined />, roles: ['city', 'province'] },
  { path: '/filings', label: '备案核验', icon: <FileAddOutlined />, roles: ['city', 'province'] },
  { path: '/personnel-changes', label: '人员变更审核', icon: <UserSwitchOutlined />, roles: ['city', 'province'] },
  { path: '/extensions', label: '延期审核', icon: <HistoryOutlined />, roles: ['city', 'province'] },
  { path: '/review/employer-changes', label: '单位变更审核', icon: <SwapOutlined />, roles: ['city', 'province'] },
  { path: '/identity-confirmations', label: '账号身份确认', icon: <IdcardOutlined />, roles: ['enterprise', 'city'] },
  { path: '/accounts', label: '账号管理', icon: <TeamOutlined />, roles: ['province', 'city', 'sysadmin'] },
  { path: '/exam-clients', label: '考试管理端凭证', icon: <ApiOutlined />, roles: ['city'] },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined />, roles: ['auditadmin'] },
  { path: '/security-policy', label: '安全策略', icon: <SafetyOutlined />, roles: ['secadmin'] },
  { path: '/province', label: '地区设置', icon: <SettingOutlined />, roles: ['province'] },
  { path: '/guide', label: '操作指南', icon: <QuestionCircleOutlined />, roles: ['candidate', 'enterprise', 'city', 'province'] },
  { path: '/notifications', label: '站内消息', icon: <BellOutlined />, roles: 'all' },
  { path: '/change-password', label: '修改密码', icon: <KeyOutlined />, roles: 'all' },
];

export function menuFor(role: Role): MenuEntry[] {
  return MENU.filter((m) => m.roles === 'all' || m.roles.includes(role));
}
