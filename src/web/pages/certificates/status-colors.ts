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
