import { FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Space, Spin, Tag } from 'antd';
import { CERTIFICATE_STATUS_LABELS } from '../../../shared/domain/certificate';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import type { CertificateRow, Page } from '../../api/types';
import { useState } from 'react';
import { CertificateDrawer } from './CertificateDrawer';
import { STATUS_COLORS } from './status-colors';
import { useMe } from '../../auth';

type TransferRequest = {
  id: string;
  number: string;
  categoryLabel: string;
  toEnterpriseName: string;
  reason: string;
  confirmed: boolean;
};

/** 调入申请 for the holder's certificates: nothing changes unless the holder agrees here (and the authority approves). */
function TransferRequests() {
  const { modal } = App.useApp();
  const { data } = useQuery({
    queryKey: ['my-transfer-requests'],
    queryFn: () => api<{ rows: TransferRequest[] }>('GET', '/api/my/transfer-requests'),
  });
  const answering = useAction(
    ({ r, agree }: { r: TransferRequest; agree: boolean }) => api('POST', `/api/my/transfer-requests/${r.id}/answer`, { agree }),
    {
      success: (_r, v) => (v.agree ? '已同意，等待主管部门审核' : '已拒绝该调入申请'),
      invalidates: [['my-transfer-requests']],
    },
  );
  const answer = (r: TransferRequest, agree: boolean) =>
    modal.confirm({
      title: agree ? `同意将证书调入 ${r.toEnterpriseName}？` : `不同意 ${r.toEnterpriseName} 的调入申请？`,
      content: agree ? '同意后经主管部门审核通过，证书的工作单位将变更为该单位，证书编号不变。' : '申请将被退回，证书保持不变。',
      okText: agree ? '同意调入' : '不同意',
      cancelText: '取消',
      okButtonProps: agree ? {} : { danger: true },
      onOk: () => answering.run({ r, agree }),
    });
  if (!data?.rows.length) return null;
  return (
    <>
      {data.rows.map((r) => (
        <Alert
          key={r.id}
          type="info"
          showIcon
          title={`${r.toEnterpriseName} 申请调入您的证书 ${r.number}`}
          description={
            <Space direction="vertical" style={{ width: '100%' }}>
              <span>
                {r.categoryLabel}。申请原因：{r.reason}
              </span>
              {r.confirmed ? (
                <span>您已同意，等待主管部门审核。</span>
              ) : (
                <Space wrap>
                  <Button type="primary" onClick={() => answer(r, true)}>
                    同意调入
                  </Button>
                  <Button danger onClick={() => answer(r, false)}>
                    不同意
                  </Button>
                </Space>
              )}
            </Space>
          }
        />
      ))}
    </>
  );
}

/** What an account whose identity nobody confirmed yet is told instead of the holder's certificates. */
export function UnverifiedNotice() {
  return (
    <Alert
      type="warning"
      showIcon
      title="账号身份待确认"
      description="为保护持证人信息，证书、继续教育等信息须在您的工作单位或发证地主管部门核实本人身份后才能查看。请联系工作单位在“账号身份确认”中为您确认，或携带身份证到主管部门办理；参加考试合格取得证书后也会自动确认。"
    />
  );
}

/** 我的证书: one card per certificate, phone-sized, with the PDF to download or print. */
export function MyCertificatesPage() {
  const { data, isLoading } = useQuery({
    queryKey: ['my-certificates'],
    queryFn: () => api<Page<CertificateRow>>('GET', '/api/certificates?pageSize=100'),
  });
  const [viewing, setViewing] = useState<string | null>(null);
  const verified = useMe().data?.account?.identityVerified !== false;
  if (isLoading) return <Spin />;
  if (!verified)
    return (
      <Card title="我的证书">
        <UnverifiedNotice />
      </Card>
    );
  if (!data?.rows.length)
    return (
      <Card title="我的证书">
        <Empty description="暂无证书。考试合格并经省厅确认后，证书会出现在这里。" />
      </Card>
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <TransferRequests />
      {data.rows.map((c) => (
        <Card
          key={c.id}
          title={<span style={{ whiteSpace: 'normal' }}>{c.categoryLabel}</span>}
          extra={<Tag color={STATUS_COLORS[c.status]}>{CERTIFICATE_STATUS_LABELS[c.status]}</Tag>}
        >
          <Descriptions column={1} size="small">
            <Descriptions.Item label="证书编号">{c.number}</Descriptions.Item>
            <Descriptions.Item label="工作单位">{c.enterpriseName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="发证日期">{c.issuedOn}</Descriptions.Item>
            <Descriptions.Item label="有效期至">{c.expiresOn}</Descriptions.Item>
          </Descriptions>
          <Button
            type="primary"
            block
            icon={<FilePdfOutlined />}
            href={`/api/certificates/${c.id}/pdf`}
            target="_blank"
            rel="noopener"
            style={{ marginTop: 12 }}
          >
            下载证书
          </Button>
          <Button block style={{ marginTop: 8 }} onClick={() => setViewing(c.id)}>
            证书历史
          </Button>
        </Card>
      ))}
      <CertificateDrawer id={viewing} onClose={() => setViewing(null)} />
    </Space>
  );
}
