import { Button, Form, Input, Modal, Space, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { PersonnelChangeRow } from '../../api/types';
import { useAction } from '../../api/use-action';
import { useAccount } from '../../auth';
import { DecisionQueue } from '../../components/DecisionQueue';
import { formatDateTime } from '../../format';

const COLORS = { pending: 'blue', approved: 'green', returned: 'red', cancelled: 'default' } as const;

/** 人员变更申请 (enterprise: its requests) and 人员变更审核 (city: approve or return). */
export function PersonnelChangesPage() {
  const { can } = useAccount();
  const [renaming, setRenaming] = useState(false);
  const [renameForm] = Form.useForm<{ newEnterpriseName: string; reason: string }>();
  const renamingAction = useAction(
    (v: { newEnterpriseName: string; reason: string }, request) =>
      api('POST', '/api/personnel-changes', { kind: 'rename', ...v }, request),
    {
      idempotent: true,
      success: '更名申请已提交，等待主管部门审核',
      invalidates: [['personnel-changes']],
      onSuccess: () => {
        setRenaming(false);
        renameForm.resetFields();
      },
    },
  );
  return (
    <>
      <DecisionQueue<PersonnelChangeRow>
        url="/api/personnel-changes"
        queryKey="personnel-changes"
        defaultStatus={can.decidePersonnelChange ? 'pending' : ''}
        statuses={[
          { value: 'pending', label: '待审核' },
          { value: 'approved', label: '已通过' },
          { value: 'returned', label: '已退回' },
          { value: '', label: '全部' },
        ]}
        extra={can.requestPersonnelChange && <Button onClick={() => setRenaming(true)}>申请企业更名</Button>}
        emptyText={
          can.requestPersonnelChange ? '暂无人员变更申请。调入人员请在“本企业人员”中读取原有证人员信息' : '暂无待审核的人员变更'
        }
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90, priority: 'id', render: (v) => v ?? '—' },
          { title: '证书编号', dataIndex: 'number', width: 200, priority: 'id', render: (v) => v ?? '（本企业全部证书）' },
          { title: '类别/工种', dataIndex: 'categoryLabel', render: (v) => v ?? '—' },
          { title: '变更类型', dataIndex: 'kindLabel' },
          {
            title: '变更内容',
            render: (_, c) =>
              c.kind === 'transfer'
                ? `${c.fromEnterpriseName ?? '无单位'} → ${c.enterpriseName}`
                : c.kind === 'rename'
                  ? `${c.enterpriseName} → ${c.newEnterpriseName}`
                  : [c.newJob && `岗位：${c.newJob}`, c.newTitle && `职称：${c.newTitle}`].filter(Boolean).join('；'),
          },
          { title: '原因', dataIndex: 'reason' },
          { title: '申请时间', dataIndex: 'createdAt', render: formatDateTime },
          {
            title: '状态',
            dataIndex: 'status',
            width: 120,
            priority: 'state',
            render: (s: PersonnelChangeRow['status'], c) => (
              <Space direction="vertical" size={0}>
                <Tag color={COLORS[s]}>{c.statusLabel}</Tag>
                {s === 'pending' && c.holderConfirmed !== null && (
                  <Tag color={c.holderConfirmed ? 'green' : 'orange'}>{c.holderConfirmed ? '持证人已同意' : '待持证人确认'}</Tag>
                )}
                {c.decisionReason && s === 'returned' && <span style={{ color: '#cf1322' }}>{c.decisionReason}</span>}
              </Space>
            ),
          },
        ]}
        approve={{
          label: '批准',
          call: (c, overrideReason) => api('POST', `/api/personnel-changes/${c.id}/decide`, { approve: true, overrideReason }),
          success: '已审核通过',
          confirm: (c) => ({
            title: `批准 ${c.name ?? c.enterpriseName} 的${c.kindLabel}？`,
            content:
              c.kind === 'transfer'
                ? `证书 ${c.number} 将变更至 ${c.enterpriseName}，编号不变。`
                : c.kind === 'rename'
                  ? '本企业全部证书将显示新名称，编号不变。'
                  : '证书的岗位/职称信息将更新。',
          }),
        }}
        reject={{
          label: '退回',
          title: () => '退回人员变更申请',
          call: (c, reason) => api('POST', `/api/personnel-changes/${c.id}/decide`, { approve: false, reason }),
          success: '已退回',
        }}
      />
      <Modal
        open={renaming}
        title="申请企业更名"
        okText="提交申请"
        cancelText="取消"
        destroyOnHidden
        onCancel={() => setRenaming(false)}
        confirmLoading={renamingAction.pending}
        onOk={async () => {
          const v = await renameForm.validateFields().catch(() => null);
          if (v) await renamingAction.run(v);
        }}
      >
        <p>审核通过后，本企业全部证书（含打印和诚信平台人员库）显示新名称，证书编号不变。</p>
        <Form form={renameForm} layout="vertical">
          <Form.Item
            name="newEnterpriseName"
            label="新企业名称"
            rules={[{ required: true, min: 4, message: '请填写完整的新企业名称' }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="reason" label="更名原因" rules={[{ required: true, min: 2, message: '请填写更名原因' }]}>
            <Input.TextArea rows={2} maxLength={200} placeholder="如：经市场监管部门核准变更名称" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
