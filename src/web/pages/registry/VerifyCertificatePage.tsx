import { useQuery } from '@tanstack/react-query';
import { Card, Result, Spin } from 'antd';
import { useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import type { PublicCertificate } from '../../api/types';
import { PublicCertificateCard } from './PublicCertificateCard';
import { PublicLayout } from './PublicLayout';

/** 证书核验, reached from the QR code on a printed certificate: the current state, at once. */
export function VerifyCertificatePage() {
  const { token } = useParams();
  const { data, isLoading, error } = useQuery({
    queryKey: ['verify-cert', token],
    retry: false,
    queryFn: () => api<PublicCertificate>('GET', `/api/public/certificates/verify/${token}`),
  });
  return (
    <PublicLayout>
      <Card title="证书核验">
        {isLoading ? (
          <Spin />
        ) : error || !data ? (
          <Result
            status="error"
            title={error instanceof ApiError && error.code === 'RATE_LIMITED' ? '查询过于频繁' : '未找到该证书'}
            subTitle={
              error instanceof ApiError && error.code === 'RATE_LIMITED'
                ? error.message
                : '该核验链接无效，证书可能是伪造的。请通过诚信平台人员库按证书编号查询。'
            }
          />
        ) : (
          <>
            <Result
              status={data.status === 'valid' ? 'success' : 'warning'}
              style={{ padding: 8 }}
              title={data.status === 'valid' ? '证书有效' : `证书状态：${data.statusLabel}`}
              subTitle={`证书编号 ${data.number}`}
            />
            <PublicCertificateCard c={data} />
          </>
        )}
      </Card>
    </PublicLayout>
  );
}
