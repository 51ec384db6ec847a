import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { categoryLabel } from '../../../shared/domain/categories';
import { api, toQuery, errorMessage } from '../../api/client';
import { useMe } from '../../auth';
import { formatDateTime } from '../../format';

type Change = {
  id: string; status: 'pending' | 'approved' | 'rejected'; reason: string; decisionReason: string | null; createdAt: string;
  personName: string; category: string; fromEnterpriseName: string | null; toEnterpriseName: string; toCreditCode: string;
};
const STATUS = { pending: { label: '待审核', color: 'blue' }, approved: { label: '已通过', color: 'green' }, rejected: { label: '已退回', color: 'red' } };

/** 单位变更审核 of approved registrations. */
export function EmployerChangesPage() {
  const me = useMe().data!.account!;
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<string>('pending');
  const [rejecting, setRejecting] = useState<Change | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const { data, isFetching } = useQuery({ queryKey: ['employer-changes', status], queryFn: () => api<{ rows: Change[] }>('GET', `/api/review/employer-changes${toQuery({ status })}`) });
  const decide = async (c: Change, approve: boolean, reason?: string) => {
    try {
      await api('POST', `/api/review/employer-changes/${c.id}/decide`, { approve, reason });
      message.success(approve ? '已批准单位变更' : '已退回申请');
      await queryClient.invalidateQueries({ queryKey: ['employer-changes'] });
    } catch (err) {
      message.error(errorMessage(err, '操作失败'));
    }
  };
  return (
    <Card title="单位变更审核" extra={<Segmented value={status} onChange={(v) => setStatus(v as string)} options={Object.entries(STATUS).map(([value, s]) => ({ value, label: s.label }))} />}>
      <Table<Change>
        rowKey="id" loading={isFetching} dataSource={data?.rows} scroll={{ x: 900 }} locale={{ emptyText: '暂无单位变更申请' }}
        columns={[
          { title: '姓名', dataIndex: 'personName' },
          { title: '报考类别', dataIndex: 'category', render: (c) => categoryLabel(c) },
          { title: '原单位', dataIndex: 'fromEnterpriseName', render: (v) => v ?? '—' },
          { title: '新单位', render: (_, c) => `${c.toEnterpriseName}（${c.toCreditCode}）` },
          { title: '原因', dataIndex: 'reason' },
          { title: '申请时间', dataIndex: 'createdAt', render: formatDateTime },
          { title: '状态', dataIndex: 'status', render: (s: Change['status']) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag> },
          ...(me.role === 'city' ? [{
            title: '操作', key: 'op', render: (_: unknown, c: Change) => c.status === 'pending' && (
              <Space size="small">
                <Button size="small" type="link" onClick={() => modal.confirm({ title: `批准 ${c.personName} 变更到 ${c.toEnterpriseName}？`, okText: '批准', cancelText: '取消', onOk: () => decide(c, true) })}>批准</Button>
                <Button size="small" type="link" danger onClick={() => setRejecting(c)}>退回</Button>
              </Space>
            ),
          }] : []),
        ]}
      />
      <Modal open={!!rejecting} title="退回单位变更申请" okText="退回" cancelText="取消" okButtonProps={{ danger: true }} destroyOnHidden onCancel={() => setRejecting(null)}
        onOk={async () => { const { reason } = await form.validateFields(); await decide(rejecting!, false, reason); setRejecting(null); form.resetFields(); }}>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label="退回原因" rules={[{ required: true, message: '请填写退回原因' }]}><Input.TextArea rows={3} maxLength={200} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
