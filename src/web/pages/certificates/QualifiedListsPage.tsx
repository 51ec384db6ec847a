import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Segmented, Space, Tag } from 'antd';
import { useState } from 'react';
import { QUALIFIED_LIST_STATUS_LABELS } from '../../../shared/domain/certificate';
import { api } from '../../api/client';
import type { QualifiedListRow } from '../../api/types';
import { useAction } from '../../api/use-action';
import { useListQuery } from '../../api/use-list-query';
import { useAccount } from '../../auth';
import { ListTable } from '../../components/ListTable';
import { usePageTitle } from '../../layout/page-title';
import { DecisionButtons } from '../../components/DecisionButtons';
import { ReasonModal } from '../../components/ReasonModal';
import { useOverrideReason } from '../../components/OverrideReason';
import { NationalCheckModal } from './NationalCheckModal';
import { formatDateTime } from '../../format';
import { BatchPrintButton } from './BatchPrintButton';
import { CompileListDrawer } from './CompileListDrawer';
import { QualifiedListDrawer } from './QualifiedListDrawer';

const COLORS = { submitted: 'blue', returned: 'red', confirmed: 'green' } as const;

/**
 * 合格名单 (city: compile, submit, print once confirmed) and 确认成绩名单
 * (province: every city's submitted lists, confirm or return).
 */
export function QualifiedListsPage() {
  const { can, scope } = useAccount();
  const { modal } = App.useApp();
  // The filter lives in the address: home-page counts link here filtered, and the list can be bookmarked.
  const list = useListQuery<QualifiedListRow, 'status'>({
    url: '/api/qualified-lists',
    queryKey: 'qualified-lists',
    filters: { status: can.decideQualifiedList ? 'submitted' : '' },
  });
  const { status } = list.filter;
  const setStatus = (next: string) => list.setFilter({ status: next });
  const [compiling, setCompiling] = useState(false);
  const [viewing, setViewing] = useState<string | null>(null);
  const [returning, setReturning] = useState<QualifiedListRow | null>(null);

  type Confirmation = { l: QualifiedListRow; overrideReason?: string };
  const override = useOverrideReason<Confirmation>((vars, reason): Promise<unknown> =>
    confirming.run({ ...vars, overrideReason: reason }),
  );
  const confirming = useAction(
    ({ l, overrideReason }: Confirmation) =>
      api<{ issued: number }>('POST', `/api/qualified-lists/${l.id}/confirm`, overrideReason ? { overrideReason } : {}),
    {
      success: (r) => `已确认，核发证书 ${r.issued} 本`,
      invalidates: [['qualified-lists']],
      onRefused: override.onRefused,
    },
  );
  const [checking, setChecking] = useState<QualifiedListRow | null>(null);
  const returningAction = useAction(
    ({ l, reason }: { l: QualifiedListRow; reason: string }) => api('POST', `/api/qualified-lists/${l.id}/return`, { reason }),
    {
      success: '已退回，地市可修改后重新上报',
      invalidates: [['qualified-lists']],
      onSuccess: () => setReturning(null),
    },
  );
  const confirm = (l: QualifiedListRow) =>
    modal.confirm({
      title: `确认「${l.title}」并核发证书？`,
      content: `${l.jurisdictionName}，共 ${l.entryCount} 人。确认前逐人向全国平台查重；确认后立即分配证书编号并核发证书，不可撤销。`,
      okText: '确认发证',
      cancelText: '取消',
      onOk: () => confirming.run({ l }),
    });

  return (
    <Card
      title={usePageTitle()}
      extra={
        <Space wrap>
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as string)}
            options={[
              { value: '', label: '全部' },
              ...Object.entries(QUALIFIED_LIST_STATUS_LABELS).map(([value, label]) => ({ value, label })),
            ]}
          />
          {can.compileQualifiedList && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCompiling(true)}>
              统计合格人员
            </Button>
          )}
        </Space>
      }
    >
      <ListTable<QualifiedListRow>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.rows}
        scroll={{ x: 900 }}
        pagination={list.pagination}
        locale={{
          emptyText: can.compileQualifiedList ? '暂无合格名单，点击“统计合格人员”从已考试的考场生成' : '暂无待确认的名单',
        }}
        columns={[
          { title: '名单名称', dataIndex: 'title', width: 220, priority: 'id' },
          ...(scope === 'province' ? [{ title: '地区', dataIndex: 'jurisdictionName' }] : []),
          { title: '人数', dataIndex: 'entryCount', width: 70 },
          { title: '提交时间', dataIndex: 'submittedAt', render: formatDateTime },
          {
            title: '状态',
            dataIndex: 'status',
            width: 110,
            priority: 'state',
            render: (s: QualifiedListRow['status'], l) => (
              <Space direction="vertical" size={0}>
                <Tag color={COLORS[s]}>{QUALIFIED_LIST_STATUS_LABELS[s]}</Tag>
                {l.returnReason && <span style={{ color: '#cf1322' }}>{l.returnReason}</span>}
              </Space>
            ),
          },
          {
            title: '操作',
            key: 'op',
            width: 220,
            priority: 'actions',
            render: (_, l) => (
              <Space size="small" wrap>
                <Button size="small" type="link" onClick={() => setViewing(l.id)}>
                  查看
                </Button>
                <DecisionButtons row={l} approveLabel="确认发证" onApprove={() => confirm(l)} onReturn={() => setReturning(l)} />
                {l.policies.approve && (
                  <Button size="small" type="link" onClick={() => setChecking(l)}>
                    全国平台查重
                  </Button>
                )}
                {l.policies.print?.allowed && <BatchPrintButton listId={l.id} title={l.title} />}
              </Space>
            ),
          },
        ]}
      />
      <CompileListDrawer open={compiling} onClose={() => setCompiling(false)} />
      <QualifiedListDrawer listId={viewing} onClose={() => setViewing(null)} />
      <ReasonModal
        open={!!returning}
        title={`退回「${returning?.title ?? ''}」`}
        okText="退回"
        onCancel={() => setReturning(null)}
        onSubmit={async (reason) => (returning ? (await returningAction.run({ l: returning, reason })) !== undefined : false)}
      />
      {override.modal}
      <NationalCheckModal list={checking} onClose={() => setChecking(null)} />
    </Card>
  );
}
