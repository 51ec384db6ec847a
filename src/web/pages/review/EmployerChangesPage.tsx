import { Tag } from 'antd';
import { categoryLabel } from '../../../shared/domain/categories';
import { api } from '../../api/client';
import type { EmployerChangeRow as Change } from '../../api/types';
import { DecisionQueue } from '../../components/DecisionQueue';
import { formatDateTime } from '../../format';

const STATUS = {
  pending: { label: '待审核', color: 'blue' },
  approved: { label: '已通过', color: 'green' },
  rejected: { label: '已退回', color: 'red' },
};

/** 单位变更审核 of approved registrations. */
export function EmployerChangesPage() {
  return (
    <DecisionQueue<Change>
      url="/api/review/employer-changes"
      queryKey="employer-changes"
      defaultStatus="pending"
      statuses={[...Object.entries(STATUS).map(([value, s]) => ({ value, label: s.label })), { value: '', label: '全部' }]}
      emptyText="暂无单位变更申请"
      columns={[
        { title: '姓名', dataIndex: 'personName', width: 90, priority: 'id' },
        { title: '报考类别', dataIndex: 'category', render: (c) => categoryLabel(c) },
        { title: '原单位', dataIndex: 'fromEnterpriseName', render: (v) => v ?? '—' },
        { title: '新单位', render: (_, c) => `${c.toEnterpriseName}（${c.toCreditCode}）` },
        { title: '原因', dataIndex: 'reason' },
        { title: '申请时间', dataIndex: 'createdAt', render: formatDateTime },
        {
          title: '状态',
          dataIndex: 'status',
          width: 90,
          priority: 'state',
          render: (s: Change['status']) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag>,
        },
      ]}
      approve={{
        label: '批准',
        call: (c) => api('POST', `/api/review/employer-changes/${c.id}/decide`, { approve: true }),
        success: '已批准单位变更',
        confirm: (c) => ({ title: `批准 ${c.personName} 变更到 ${c.toEnterpriseName}？` }),
      }}
      reject={{
        label: '退回',
        title: () => '退回单位变更申请',
        call: (c, reason) => api('POST', `/api/review/employer-changes/${c.id}/decide`, { approve: false, reason }),
        success: '已退回申请',
      }}
    />
  );
}
