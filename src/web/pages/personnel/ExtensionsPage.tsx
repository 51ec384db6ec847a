import { Space, Tag } from 'antd';
import { api } from '../../api/client';
import type { ExtensionRow } from '../../api/types';
import { useAccount } from '../../auth';
import { DecisionQueue } from '../../components/DecisionQueue';
import { formatDateTime } from '../../format';

const COLORS = { pending: 'blue', approved: 'green', returned: 'red' } as const;

/** 延期申请 (enterprise: follow its requests) and 延期审核 (city: approve or return). */
export function ExtensionsPage() {
  const { can, scope } = useAccount();
  return (
    <DecisionQueue<ExtensionRow>
      url="/api/extensions"
      queryKey="extensions"
      defaultStatus={can.decideExtension ? 'pending' : ''}
      statuses={[
        { value: 'pending', label: '待审核' },
        { value: 'approved', label: '已批准' },
        { value: 'returned', label: '已退回' },
        { value: '', label: '全部' },
      ]}
      emptyText={scope === 'enterprise' ? '暂无延期申请。请在“本企业人员”中为即将到期的证书申请延期' : '暂无待审核的延期申请'}
      columns={[
        { title: '姓名', dataIndex: 'name', width: 90, priority: 'id' },
        { title: '证书编号', dataIndex: 'number', width: 200, priority: 'id' },
        { title: '类别/工种', dataIndex: 'categoryLabel' },
        ...(scope !== 'enterprise' ? [{ title: '企业', dataIndex: 'enterpriseName' }] : []),
        { title: '有效期至', dataIndex: 'expiresOn', width: 110 },
        { title: '继续教育学时', dataIndex: 'continuingHours', width: 110 },
        { title: '申请时间', dataIndex: 'createdAt', render: formatDateTime },
        {
          title: '状态',
          dataIndex: 'status',
          width: 130,
          priority: 'state',
          render: (s: ExtensionRow['status'], r) => (
            <Space direction="vertical" size={0}>
              <Tag color={COLORS[s]}>{r.statusLabel}</Tag>
              {r.newExpiresOn && <span>延至 {r.newExpiresOn}</span>}
              {r.decisionReason && <span style={{ color: '#cf1322' }}>{r.decisionReason}</span>}
            </Space>
          ),
        },
      ]}
      approve={{
        label: '批准',
        call: (r) => api<{ newExpiresOn: string | null }>('POST', `/api/extensions/${r.id}/decide`, { approve: true }),
        confirm: (r) => ({
          title: `批准 ${r.name} 的证书延期？`,
          content: `证书 ${r.number} 将在原有效期 ${r.expiresOn} 基础上延期。`,
        }),
        success: (answer) => `已批准，有效期延至 ${(answer as { newExpiresOn: string | null }).newExpiresOn}`,
      }}
      reject={{
        label: '退回',
        title: () => '退回延期申请',
        call: (r, reason) => api('POST', `/api/extensions/${r.id}/decide`, { approve: false, reason }),
        success: '已退回',
      }}
    />
  );
}
