import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Input, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, toQuery } from '../../api/client';
import { fileUrl } from '../../api/files';
import type { FilingRow, Page } from '../../api/types';
import { useAction } from '../../api/use-action';
import { useUrlFilters } from '../../api/use-url-filters';
import { useMe } from '../../auth';
import { DecisionButtons } from '../../components/DecisionButtons';
import { ReasonModal } from '../../components/ReasonModal';
import { formatDateTime } from '../../format';
import { FilingFormModal } from './FilingFormModal';
import { FilingImport } from './FilingImport';

const COLORS = { pending: 'blue', approved: 'green', returned: 'red' } as const;
const STATUSES = [{ value: 'pending', label: '待核验' }, { value: 'approved', label: '已通过' }, { value: 'returned', label: '已退回' }, { value: '', label: '全部' }];

/** 原持证人员信息备案 (enterprise: file and follow) and 备案核验 (city: approve or return). */
export function FilingsPage() {
  const role = useMe().data!.account!.role;
  const { modal } = App.useApp();
  // The filter lives in the address: home-page counts link here filtered, and the list can be bookmarked.
  const [{ status }, setUrl] = useUrlFilters({ status: role === 'city' ? 'pending' : '' });
  const setStatus = (next: string) => setUrl({ status: next });
  const [q, setQ] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [filing, setFiling] = useState(false);
  const [returning, setReturning] = useState<FilingRow | null>(null);
  const { data, isFetching } = useQuery({ queryKey: ['filings', status, q, paging], queryFn: () => api<Page<FilingRow>>('GET', `/api/filings${toQuery({ status, q, ...paging })}`) });
  const approving = useAction((f: FilingRow) => api('POST', `/api/filings/${f.id}/approve`), { success: '已核验通过', invalidates: [['filings']] });
  const returningAction = useAction(({ f, reason }: { f: FilingRow; reason: string }) => api('POST', `/api/filings/${f.id}/return`, { reason }), {
    success: '已退回', invalidates: [['filings']], onSuccess: () => setReturning(null),
  });

  const approve = (f: FilingRow) => modal.confirm({
    title: `核验通过 ${f.name} 的证书 ${f.number}？`, content: '请先核对证书扫描件。通过后该证书进入系统，可在诚信平台人员库查询。', okText: '核验通过', cancelText: '取消',
    onOk: () => approving.run(f),
  });

  return (
    <Card title={role === 'enterprise' ? '原持证人员信息备案' : '原持证人员备案核验'}
      extra={role === 'enterprise' && <Space wrap><Button type="primary" icon={<PlusOutlined />} onClick={() => setFiling(true)}>新增备案</Button><FilingImport /></Space>}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented value={status} onChange={(v) => { setStatus(v as string); setPaging({ ...paging, page: 1 }); }} options={STATUSES} />
        <Input.Search allowClear placeholder="姓名或证书编号" style={{ width: 220 }} onSearch={(v) => { setQ(v); setPaging({ ...paging, page: 1 }); }} />
      </Space>
      <Table<FilingRow> rowKey="id" loading={isFetching} dataSource={data?.rows} scroll={{ x: 1300 }}
        locale={{ emptyText: role === 'enterprise' ? '暂无备案。本系统上线前取得证书的人员，请在此备案' : '暂无待核验的备案' }}
        pagination={{ current: paging.page, pageSize: paging.pageSize, total: data?.total ?? 0, showTotal: (n) => `共 ${n} 条`, onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '身份证号', dataIndex: 'maskedIdNumber' },
          { title: '类别/工种', dataIndex: 'categoryLabel' },
          { title: '证书编号', dataIndex: 'number', width: 210 },
          { title: '发证日期', dataIndex: 'issuedOn', width: 110 },
          { title: '有效期至', dataIndex: 'expiresOn', width: 110 },
          ...(role !== 'enterprise' ? [{ title: '企业', dataIndex: 'enterpriseName' }] : []),
          { title: '提交时间', dataIndex: 'createdAt', render: formatDateTime },
          { title: '状态', dataIndex: 'status', render: (s: FilingRow['status'], f) => <Space direction="vertical" size={0}><Tag color={COLORS[s]}>{f.statusLabel}</Tag>{f.returnReason && <span style={{ color: '#cf1322' }}>{f.returnReason}</span>}</Space> },
          {
            title: '操作', key: 'op', fixed: 'right', render: (_, f) => (
              <Space size={0} wrap>
                {f.scanFileId && <Button size="small" type="link" href={fileUrl(f.scanFileId)} target="_blank" rel="noopener">扫描件</Button>}
                <DecisionButtons row={f} onApprove={() => approve(f)} onReturn={() => setReturning(f)} />
              </Space>
            ),
          },
        ]} />
      <FilingFormModal open={filing} onClose={() => setFiling(false)} />
      <ReasonModal open={!!returning} title={`退回 ${returning?.name ?? ''} 的备案`} okText="退回" onCancel={() => setReturning(null)}
        onSubmit={async (reason) => (returning ? (await returningAction.run({ f: returning, reason })) !== undefined : false)} />
    </Card>
  );
}
