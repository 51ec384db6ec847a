import type { CertificateStatus } from '../../../shared/domain/certificate';

export const STATUS_COLORS: Record<CertificateStatus, string> = {
  valid: 'green',
  suspended: 'orange',
  revoked: 'red',
  license_revoked: 'red',
  cancelled: 'default',
  expired: 'default',
  transferred_out: 'purple',
};

/** 已上报 / 待上报 / 上报失败 of the national feed. */
export const NATIONAL_COLORS: Record<'sent' | 'pending' | 'failed', string> = { sent: 'green', pending: 'blue', failed: 'red' };
export { NATIONAL_REPORT_STATE_LABELS as NATIONAL_LABELS } from '../../../shared/domain/national/report-states';
