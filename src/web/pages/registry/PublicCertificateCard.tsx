import { Card, Descriptions, Tag } from 'antd';
import type { PublicCertificate } from '../../api/types';
import { STATUS_COLORS } from '../certificates/status-colors';

/** What the public sees of one certificate: personal data masked. */
export function PublicCertificateCard({ c }: { c: PublicCertificate }) {
  return (
    <Card
      size="small"
      title={c.number}
      extra={<Tag color={STATUS_COLORS[c.status]}>{c.statusLabel}</Tag>}
      style={{ marginBottom: 12 }}
    >
      <Descriptions column={{ xs: 1, sm: 2 }} size="small">
        <Descriptions.Item label="姓名">{c.name}</Descriptions.Item>
        <Descriptions.Item label="身份证号">{c.maskedIdNumber}</Descriptions.Item>
        <Descriptions.Item label="类别/工种">{c.categoryLabel}</Descriptions.Item>
        <Descriptions.Item label="工作单位">{c.enterpriseName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="发证日期">{c.issuedOn}</Descriptions.Item>
        <Descriptions.Item label="有效期至">{c.expiresOn}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
