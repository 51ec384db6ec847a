import { FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Space, Spin, Tag } from 'antd';
import { CERTIFICATE_STATUS_LABELS } from '../../../shared/domain/certificate';
import { api } from '../../api/client';
import type { CertificateRow, Page } from '../../api/types';
import { useState } from 'react';
import { CertificateDrawer } from './CertificateDrawer';
import { STATUS_COLORS } from './status-colors';

/** 我的证书: one card per certificate, phone-sized, with the PDF to download or print. */
export function MyCertificatesPage() {
  const { data, isLoading } = useQuery({ queryKey: ['my-certificates'], queryFn: () => api<Page<CertificateRow>>('GET', '/api/certificates?pageSize=100') });
  const [viewing, setViewing] = useState<string | null>(null);
  if (isLoading) return <Spin />;
  if (!data?.rows.length) return <Card title="我的证书"><Empty description="暂无证书。考试合格并经省厅确认后，证书会出现在这里。" /></Card>;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {data.rows.map((c) => (
        <Card key={c.id} title={<span style={{ whiteSpace: 'normal' }}>{c.categoryLabel}</span>} extra={<Tag color={STATUS_COLORS[c.status]}>{CERTIFICATE_STATUS_LABELS[c.status]}</Tag>}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label="证书编号">{c.number}</Descriptions.Item>
            <Descriptions.Item label="工作单位">{c.enterpriseName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="发证日期">{c.issuedOn}</Descriptions.Item>
            <Descriptions.Item label="有效期至">{c.expiresOn}</Descriptions.Item>
          </Descriptions>
          <Button type="primary" block icon={<FilePdfOutlined />} href={`/api/certificates/${c.id}/pdf`} target="_blank" rel="noopener" style={{ marginTop: 12 }}>下载证书</Button>
          <Button block style={{ marginTop: 8 }} onClick={() => setViewing(c.id)}>证书历史</Button>
        </Card>
      ))}
      <CertificateDrawer id={viewing} onClose={() => setViewing(null)} />
    </Space>
  );
}
