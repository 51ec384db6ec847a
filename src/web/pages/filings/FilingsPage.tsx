import { PlusOutlined } from '@ant-design/icons';
import { Button, Space, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { fileUrl } from '../../api/files';
import type { FilingRow } from '../../api/types';
import { useAccount } from '../../auth';
import { DecisionQueue } from '../../components/DecisionQueue';
import { formatDateTime } from '../../format';
import { FilingFormModal } from './FilingFormModal';
import { FilingImport } from './FilingImport';

const COLORS = { pending: 'blue', approved: 'green', returned: 'red' } as const;

/** 原持证人员信息备案 (enterprise: file and follow) and 备案核验 (city: approve or return). */
export function FilingsPage() {
  const { can, scope } = useAccount();
  const [filing, setFiling] = useState(false);
  return (
    <>
      <DecisionQueue<FilingRow>
        url="/api/filings"
        queryKey="filings"
        paged
        search={{ placeholder: '姓名或证书编号' }}
        defaultStatus={can.decideFiling ? 'pending' : ''}
        statuses={[
          { value: 'pending', label: '待核验' },
          { value: 'approved', label: '已通过' },
          { value: 'returned', label: '已退回' },
          { value: '', label: '全部' },
        ]}
        extra={
          can.submitFiling && (
            <Space wrap>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setFiling(true)}>
                新增备案
              </Button>
              <FilingImport />
            </Space>
          )
        }
        emptyText={can.submitFiling ? '暂无备案。本系统上线前取得证书的人员，请在此备案' : '暂无待核验的备案'}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90, priority: 'id' },
          { title: '证书编号', dataIndex: 'number', width: 200, priority: 'id' },
          { title: '身份证号', dataIndex: 'maskedIdNumber' },
          { title: '类别/工种', dataIndex: 'categoryLabel' },
          { title: '发证日期', dataIndex: 'issuedOn', width: 110 },
          { title: '有效期至', dataIndex: 'expiresOn', width: 110 },
          ...(scope !== 'enterprise' ? [{ title: '企业', dataIndex: 'enterpriseName' }] : []),
          { title: '提交时间', dataIndex: 'createdAt', render: formatDateTime },
          {
            title: '扫描件',
            key: 'scan',
            width: 80,
            render: (_: unknown, f: FilingRow) =>
              f.scanFileId ? (
                <Button size="small" type="link" href={fileUrl(f.scanFileId)} target="_blank" rel="noopener">
                  扫描件
                </Button>
              ) : (
                '—'
              ),
          },
          {
            title: '状态',
            dataIndex: 'status',
            width: 110,
            priority: 'state',
            render: (s: FilingRow['status'], f) => (
              <Space direction="vertical" size={0}>
                <Tag color={COLORS[s]}>{f.statusLabel}</Tag>
                {f.returnReason && <span style={{ color: '#cf1322' }}>{f.returnReason}</span>}
              </Space>
            ),
          },
        ]}
        approve={{
          label: '通过',
          call: (f, overrideReason) => api('POST', `/api/filings/${f.id}/approve`, overrideReason ? { overrideReason } : {}),
          success: '已核验通过',
          confirm: (f) => ({
            title: `核验通过 ${f.name} 的证书 ${f.number}？`,
            content: '请先核对证书扫描件。通过前将向全国平台查重；通过后该证书进入系统，可在诚信平台人员库查询。',
            okText: '核验通过',
          }),
        }}
        reject={{
          label: '退回',
          title: (f) => `退回 ${f.name} 的备案`,
          call: (f, reason) => api('POST', `/api/filings/${f.id}/return`, { reason }),
          success: '已退回',
        }}
      />
      <FilingFormModal open={filing} onClose={() => setFiling(false)} />
    </>
  );
}
