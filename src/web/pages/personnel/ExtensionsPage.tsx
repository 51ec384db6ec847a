import { useQuery } from '@tanstack/react-query';
import { App, Card, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, toQuery } from '../../api/client';
import type { ExtensionRow } from '../../api/types';
import { useAction } from '../../api/use-action';
import { useUrlFilters } from '../../api/use-url-filters';
import { useMe } from '../../auth';
import { anyDecidable, DecisionButtons } from '../../components/DecisionButtons';
import { ReasonModal } from '../../components/ReasonModal';
import { formatDateTime } from '../../format';

const COLORS = { pending: 'blue', approved: 'green', returned: 'red' } as const;

/** 延期申请 (enterprise: follow its requests) and 延期审核 (city: approve or return). */
export function ExtensionsPage() {
  const role = useMe().data!.account!.role;
  const { modal } = App.useApp();
  // The filter lives in the address: home-page counts link here filtered, and the list can be bookmarked.
  const [{ status }, setUrl] = useUrlFilters({ status: role === 'city' ? 'pending' : '' });
  const setStatus = (next: string) => setUrl({ status: next });
  const [returning, setReturning] = useState<ExtensionRow | null>(null);
  const { data, isFetching } = useQuery({ queryKey: ['extensions', status], queryFn: () => api<ExtensionRow[]>('GET', `/api/extensions${toQuery({ status })}`) });
  const deciding = useAction(({ r, approve, reason }: { r: ExtensionRow; approve: boolean; reason?: string }) => api<{ newExpiresOn: string | null }>('POST', `/api/extensions/${r.id}/decide`, { approve, reason }), {
    success: (res, v) => (v.approve ? `已批准，有效期延至 ${res.newExpiresOn}` : '已退回'), invalidates: [['extensions']],
  });
  const decide = async (r: ExtensionRow, approve: boolean, reason?: string) => (await deciding.run({ r, approve, reason })) !== undefined;
  return (
    <Card title={role === 'enterprise' ? '延期申请' : '延期审核'}
      extra={<Segmented value={status} onChange={(v) => setStatus(v as string)} options={[{ value: 'pending', label: '待审核' }, { value: 'approved', label: '已批准' }, { value: 'returned', label: '已退回' }, { value: '', label: '全部' }]} />}>
      <Table<ExtensionRow> rowKey="id" loading={isFetching} dataSource={data} scroll={{ x: 1200 }}
        locale={{ emptyText: role === 'enterprise' ? '暂无延期申请。请在“本企业人员”中为即将到期的证书申请延期' : '暂无待审核的延期申请' }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '证书编号', dataIndex: 'number', width: 210 },
          { title: '类别/工种', dataIndex: 'categoryLabel' },
          ...(role !== 'enterprise' ? [{ title: '企业', dataIndex: 'enterpriseName' }] : []),
          { title: '有效期至', dataIndex: 'expiresOn', width: 110 },
          { title: '继续教育学时', dataIndex: 'continuingHours', width: 110 },
          { title: '申请时间', dataIndex: 'createdAt', render: formatDateTime },
          { title: '状态', dataIndex: 'status', render: (s: ExtensionRow['status'], r) => <Space direction="vertical" size={0}><Tag color={COLORS[s]}>{r.statusLabel}</Tag>{r.newExpiresOn && <span>延至 {r.newExpiresOn}</span>}{r.decisionReason && <span style={{ color: '#cf1322' }}>{r.decisionReason}</span>}</Space> },
          ...(anyDecidable(data) ? [{
            title: '操作', key: 'op', fixed: 'right' as const, width: 120, render: (_: unknown, r: ExtensionRow) => (
              <DecisionButtons row={r} approveLabel="批准" onReturn={() => setReturning(r)}
                onApprove={() => modal.confirm({ title: `批准 ${r.name} 的证书延期？`, content: `证书 ${r.number} 将在原有效期 ${r.expiresOn} 基础上延期。`, okText: '批准', cancelText: '取消', onOk: () => decide(r, true) })} />
            ),
          }] : []),
        ]} />
      <ReasonModal open={!!returning} title="退回延期申请" okText="退回" onCancel={() => setReturning(null)}
        onSubmit={async (reason) => {
          const done = await decide(returning!, false, reason);
          if (done) setReturning(null);
          return done;
        }} />
    </Card>
  );
}
