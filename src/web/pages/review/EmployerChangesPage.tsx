import { useQuery } from '@tanstack/react-query';
import { App, Card, Form, Input, Modal, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import { categoryLabel } from '../../../shared/domain/categories';
import { api, toQuery } from '../../api/client';
import type { EmployerChangeRow as Change } from '../../api/types';
import { useAction } from '../../api/use-action';
import { useUrlFilters } from '../../api/use-url-filters';
import { anyDecidable, DecisionButtons } from '../../components/DecisionButtons';
import { formatDateTime } from '../../format';

const STATUS = { pending: { label: '待审核', color: 'blue' }, approved: { label: '已通过', color: 'green' }, rejected: { label: '已退回', color: 'red' } };

/** 单位变更审核 of approved registrations. */
export function EmployerChangesPage() {
  const { modal } = App.useApp();
  // The filter lives in the address: home-page counts link here filtered, and the list can be bookmarked.
  const [{ status }, setUrl] = useUrlFilters({ status: 'pending' });
  const setStatus = (next: string) => setUrl({ status: next });
  const [rejecting, setRejecting] = useState<Change | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const { data, isFetching } = useQuery({ queryKey: ['employer-changes', status], queryFn: () => api<{ rows: Change[] }>('GET', `/api/review/employer-changes${toQuery({ status })}`) });
  const deciding = useAction(({ c, approve, reason }: { c: Change; approve: boolean; reason?: string }) => api('POST', `/api/review/employer-changes/${c.id}/decide`, { approve, reason }), {
    success: (_r, v) => (v.approve ? '已批准单位变更' : '已退回申请'), invalidates: [['employer-changes']],
  });
  const decide = (c: Change, approve: boolean, reason?: string) => deciding.run({ c, approve, reason });
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
          ...(anyDecidable(data?.rows) ? [{
            title: '操作', key: 'op', render: (_: unknown, c: Change) => (
              <DecisionButtons row={c} approveLabel="批准" onReturn={() => setRejecting(c)}
                onApprove={() => modal.confirm({ title: `批准 ${c.personName} 变更到 ${c.toEnterpriseName}？`, okText: '批准', cancelText: '取消', onOk: () => decide(c, true) })} />
            ),
          }] : []),
        ]}
      />
      <Modal open={!!rejecting} title="退回单位变更申请" okText="退回" cancelText="取消" okButtonProps={{ danger: true }} destroyOnHidden onCancel={() => setRejecting(null)}
        confirmLoading={deciding.pending}
        onOk={async () => {
          const v = await form.validateFields().catch(() => null);
          if (v && rejecting && (await decide(rejecting, false, v.reason)) !== undefined) { setRejecting(null); form.resetFields(); }
        }}>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label="退回原因" rules={[{ required: true, message: '请填写退回原因' }]}><Input.TextArea rows={3} maxLength={200} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
