import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Drawer, Form, Input, Modal, Space, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { CERTIFICATE_STATUS_LABELS, type CertificateAction } from '../../../shared/domain/certificate';
import { api } from '../../api/client';
import type { CertificateDetail } from '../../api/types';
import { useAction } from '../../api/use-action';
import { ActionButton } from '../../components/ActionButton';
import { formatDateTime } from '../../format';
import { NATIONAL_COLORS, STATUS_COLORS } from './status-colors';

const ACTIONS: Record<CertificateAction, { label: string; danger: boolean; warning: string }> = {
  suspend: { label: '暂扣', danger: true, warning: '暂扣期间证书不能使用，诚信平台人员库立即显示“暂扣”。' },
  restore: { label: '恢复', danger: false, warning: '证书恢复为“有效”。' },
  revoke: { label: '撤销', danger: true, warning: '撤销后证书永久无效，不能恢复。' },
  revoke_license: { label: '吊销', danger: true, warning: '吊销是对违法违规持证人的处罚，吊销后证书永久无效，不能恢复。' },
  cancel: { label: '注销', danger: true, warning: '注销后证书永久无效，不能恢复。' },
  transfer_out: {
    label: '办理转出',
    danger: true,
    warning: '持证人调往外省：证书显示“办理转出”，由转入省份接收；转入前可以取消转出。',
  },
  cancel_transfer_out: { label: '取消转出', danger: false, warning: '证书恢复为“有效”，并告知全国平台取消办理转出。' },
};

/** 证书详情: the certificate, its history (who, when, why) and, for authorities, 暂扣 / 恢复 / 撤销 / 注销. */
export function CertificateDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const [acting, setActing] = useState<CertificateAction | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const { data } = useQuery({
    queryKey: ['certificate', id],
    enabled: !!id,
    queryFn: () => api<CertificateDetail>('GET', `/api/certificates/${id}`),
  });
  const changing = useAction(
    ({ action, reason }: { action: CertificateAction; reason: string }) =>
      api('POST', `/api/certificates/${id}/${action}`, { reason }),
    {
      success: (_r, v) => `证书已${ACTIONS[v.action].label}`,
      invalidates: [['certificate', id], ['certificates']],
      onSuccess: () => {
        setActing(null);
        form.resetFields();
      },
    },
  );
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (v && acting) await changing.run({ action: acting, reason: v.reason });
  };
  const offered = data ? (Object.keys(ACTIONS) as CertificateAction[]).filter((a) => data.policies[a]) : [];
  const retrying = useAction(() => api('POST', `/api/certificates/${id}/national-retry`, {}), {
    success: '已重新排队上报全国平台',
    invalidates: [['certificate', id], ['certificates'], ['national-reports']],
  });

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title={data ? `证书 ${data.number}` : '证书'}
      loading={!data}
      size={Math.min(640, window.innerWidth)}
      extra={
        data && (
          <Button href={`/api/certificates/${data.id}/pdf`} target="_blank" rel="noopener">
            打印证书
          </Button>
        )
      }
    >
      {data && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="状态">
              <Tag color={STATUS_COLORS[data.status]}>{data.statusLabel}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="姓名">{data.name}</Descriptions.Item>
            <Descriptions.Item label="身份证号">{data.maskedIdNumber}</Descriptions.Item>
            <Descriptions.Item label="类别/工种">{data.categoryLabel}</Descriptions.Item>
            <Descriptions.Item label="工作单位">{data.enterpriseName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="发证地区">{data.jurisdictionName}</Descriptions.Item>
            <Descriptions.Item label="发证日期">{data.issuedOn}</Descriptions.Item>
            <Descriptions.Item label="有效期至">{data.expiresOn}</Descriptions.Item>
            <Descriptions.Item label="来源">{data.source === 'exam' ? '考核发证' : '原持证备案'}</Descriptions.Item>
          </Descriptions>
          {offered.length > 0 && (
            <Space wrap style={{ marginTop: 16 }}>
              {offered.map((a) => (
                <ActionButton key={a} policy={data.policies[a]} danger={ACTIONS[a].danger} onClick={() => setActing(a)}>
                  {ACTIONS[a].label}
                </ActionButton>
              ))}
            </Space>
          )}
          {data.national && (
            <>
              <h4 style={{ marginTop: 24 }}>全国平台</h4>
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label="上报状态">
                  <Space wrap>
                    <Tag color={NATIONAL_COLORS[data.national.state]}>{data.national.stateLabel}</Tag>
                    {data.national.error && <span style={{ color: '#cf1322' }}>{data.national.error}</span>}
                    {data.policies.nationalRetry && (
                      <ActionButton
                        size="small"
                        policy={data.policies.nationalRetry}
                        onClick={() => retrying.run(undefined)}
                        loading={retrying.pending}
                      >
                        重新上报
                      </ActionButton>
                    )}
                  </Space>
                </Descriptions.Item>
                <Descriptions.Item label="电子证照标识">
                  <span style={{ wordBreak: 'break-all' }}>{data.national.identifier ?? '待生成'}</span>
                </Descriptions.Item>
                <Descriptions.Item label="全国平台二维码">
                  {data.national.qr ? '已赋码（打印证书时一并印制）' : '尚未赋码'}
                </Descriptions.Item>
              </Descriptions>
              <Timeline
                style={{ marginTop: 12 }}
                items={data.national.reports.map((r) => ({
                  key: r.id,
                  color: r.status === 'sent' ? 'green' : r.status === 'failed' ? 'red' : 'gray',
                  content: (
                    <>
                      <b>{r.label}</b> <Tag color={NATIONAL_COLORS[r.status]}>{r.statusLabel}</Tag>
                      <span style={{ color: '#888' }}>
                        {formatDateTime(r.createdAt)}
                        {r.sentAt ? ` · 上报于 ${formatDateTime(r.sentAt)}` : r.attempts > 0 ? ` · 已尝试 ${r.attempts} 次` : ''}
                      </span>
                      {r.lastError && <div style={{ color: '#cf1322' }}>{r.lastError}</div>}
                    </>
                  ),
                }))}
              />
            </>
          )}
          <h4 style={{ marginTop: 24 }}>证书历史</h4>
          <Timeline
            items={data.events.map((e) => ({
              key: e.id,
              content: (
                <>
                  <b>{e.label}</b>{' '}
                  <span style={{ color: '#888' }}>
                    {formatDateTime(e.at)} · {e.actorName ?? '系统'}
                  </span>
                  {e.reason && <div>原因：{e.reason}</div>}
                </>
              ),
            }))}
          />
        </>
      )}
      <Modal
        open={!!acting}
        title={acting ? `${ACTIONS[acting].label}证书 ${data?.number ?? ''}` : ''}
        okText={acting ? ACTIONS[acting].label : ''}
        cancelText="取消"
        okButtonProps={{ danger: acting ? ACTIONS[acting].danger : false }}
        destroyOnHidden
        onCancel={() => setActing(null)}
        onOk={submit}
        confirmLoading={changing.pending}
      >
        <p>
          {acting && ACTIONS[acting].warning}（当前：{data && CERTIFICATE_STATUS_LABELS[data.status]}）
        </p>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label="原因" rules={[{ required: true, min: 2, message: '请填写原因（至少2个字）' }]}>
            <Input.TextArea rows={3} maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
