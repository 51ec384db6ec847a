import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Result, Spin } from 'antd';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import type { PublicCertificate } from '../../api/types';
import { PublicCertificateCard } from './PublicCertificateCard';
import { PublicLayout } from './PublicLayout';

type Roster = { enterprise: { id: string; name: string; creditCode: string }; certificates: PublicCertificate[] };

/** An enterprise's public page: its certified people. */
export function EnterpriseRosterPage() {
  const { id } = useParams();
  const { data, isLoading, isError } = useQuery({
    queryKey: ['roster', id],
    retry: false,
    queryFn: () => api<Roster>('GET', `/api/public/enterprises/${id}`),
  });
  return (
    <PublicLayout>
      {isLoading ? (
        <Spin />
      ) : isError || !data ? (
        <Result status="404" title="未找到该企业" />
      ) : (
        <Card title={<span style={{ whiteSpace: 'normal' }}>{data.enterprise.name}</span>}>
          <p style={{ color: '#888', marginTop: 0 }}>
            统一社会信用代码 {data.enterprise.creditCode} · 持证人员 {data.certificates.length} 人
          </p>
          {data.certificates.length === 0 ? (
            <Empty description="该企业暂无持证人员" />
          ) : (
            data.certificates.map((c) => <PublicCertificateCard key={c.number} c={c} />)
          )}
        </Card>
      )}
    </PublicLayout>
  );
}
