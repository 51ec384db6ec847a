import { useQuery } from '@tanstack/react-query';
import { Descriptions, Result, Spin } from 'antd';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { AuthCard } from '../auth/AuthCard';

type Verified = {
  valid: boolean;
  statusLabel: string;
  name: string;
  maskedIdNumber: string;
  categoryLabel: string;
  ticketNumber: string | null;
  seatNumber: number | null;
  sessionName: string;
  time: string;
  address: string;
};

/** 准考证核验, reached from the QR code without logging in. */
export function VerifyTicketPage() {
  const { id } = useParams();
  const { data, isLoading, isError } = useQuery({
    queryKey: ['verify-ticket', id],
    queryFn: () => api<Verified>('GET', `/api/public/tickets/${id}`),
  });
  return (
    <AuthCard title="准考证核验">
      {isLoading ? (
        <Spin />
      ) : isError || !data ? (
        <Result status="error" title="未找到该准考证" />
      ) : (
        <>
          <Result status={data.valid ? 'success' : 'warning'} title={data.statusLabel} style={{ padding: 8 }} />
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="姓名">{data.name}</Descriptions.Item>
            <Descriptions.Item label="身份证号">{data.maskedIdNumber}</Descriptions.Item>
            <Descriptions.Item label="报考类别">{data.categoryLabel}</Descriptions.Item>
            <Descriptions.Item label="准考证号">{data.ticketNumber ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="座位号">{data.seatNumber ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="考场">{data.sessionName}</Descriptions.Item>
            <Descriptions.Item label="时间">{data.time}</Descriptions.Item>
            <Descriptions.Item label="地点">{data.address}</Descriptions.Item>
          </Descriptions>
        </>
      )}
    </AuthCard>
  );
}
