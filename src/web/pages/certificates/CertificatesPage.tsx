import { DownloadOutlined, ExportOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { CATEGORY_CODES, categoryLabel } from '../../../shared/domain/categories';
import { CERTIFICATE_STATUS_LABELS, type CertificateStatus } from '../../../shared/domain/certificate';
import { api } from '../../api/client';
import type { CertificateRow, Jurisdiction } from '../../api/types';
import { useListQuery } from '../../api/use-list-query';
import { useAccount } from '../../auth';
import { usePageTitle } from '../../layout/page-title';
import { CertificateDrawer } from './CertificateDrawer';
import { NATIONAL_COLORS, NATIONAL_LABELS, STATUS_COLORS } from './status-colors';
import { ListTable } from '../../components/ListTable';

/** 证书管理 (authorities) and 本企业证书 (enterprise): filters, pagination, Excel, national export, print. */
export function CertificatesPage() {
  const { can, scope } = useAccount();
  const title = usePageTitle();
  // Structural filters live in the address (a home-page count links here as ?expiringWithinDays=90); the search text does not.
  const list = useListQuery<CertificateRow, 'category' | 'status' | 'jurisdictionCode' | 'expiringWithinDays'>({
    url: '/api/certificates',
    queryKey: 'certificates',
    paged: true,
    unit: '本',
    filters: { category: '', status: '', jurisdictionCode: '', expiringWithinDays: '' },
  });
  const { filter, setFilter: set } = list;
  const [viewing, setViewing] = useState<string | null>(null);
  const jurisdictions = useQuery({
    queryKey: ['jurisdictions'],
    enabled: scope === 'province',
    queryFn: () => api<Jurisdiction[]>('GET', '/api/jurisdictions'),
  });

  return (
    <Card
      title={title}
      extra={
        <Space wrap>
          <Button icon={<DownloadOutlined />} onClick={() => list.exportTo('/api/certificates/export')}>
            导出Excel
          </Button>
          {can.exportNationalCertificates && (
            <Button icon={<ExportOutlined />} onClick={() => list.exportTo('/api/certificates/national-export')}>
              导出电子证照数据
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder="姓名或证书编号" style={{ width: 220 }} onSearch={(q) => set({ q })} />
        <Select
          allowClear
          placeholder="类别/工种"
          style={{ width: 240 }}
          showSearch
          optionFilterProp="label"
          value={filter.category || undefined}
          onChange={(category) => set({ category })}
          options={CATEGORY_CODES.map((c) => ({ value: c, label: categoryLabel(c) }))}
        />
        <Select
          allowClear
          placeholder="证书状态"
          style={{ width: 120 }}
          value={filter.status || undefined}
          onChange={(status) => set({ status })}
          options={Object.entries(CERTIFICATE_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <Select
          allowClear
          placeholder="即将到期"
          style={{ width: 140 }}
          value={filter.expiringWithinDays || undefined}
          onChange={(expiringWithinDays) => set({ expiringWithinDays })}
          options={[30, 90, 180].map((d) => ({ value: String(d), label: `${d} 天内到期` }))}
        />
        {scope === 'province' && (
          <Select
            allowClear
            placeholder="发证地区"
            style={{ width: 160 }}
            value={filter.jurisdictionCode || undefined}
            onChange={(jurisdictionCode) => set({ jurisdictionCode })}
            options={(jurisdictions.data ?? []).map((j) => ({ value: j.code, label: j.name }))}
          />
        )}
      </Space>
      <ListTable<CertificateRow>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.rows}
        scroll={{ x: 1300 }}
        locale={{ emptyText: '暂无证书' }}
        pagination={list.pagination}
        columns={[
          { title: '证书编号', dataIndex: 'number', width: 200, priority: 'id' },
          { title: '姓名', dataIndex: 'name', width: 90, priority: 'id' },
          { title: '身份证号', dataIndex: 'maskedIdNumber' },
          { title: '类别/工种', dataIndex: 'categoryLabel' },
          { title: '工作单位', dataIndex: 'enterpriseName', render: (v) => v ?? '—' },
          ...(scope === 'province' ? [{ title: '地区', dataIndex: 'jurisdictionName' }] : []),
          { title: '发证日期', dataIndex: 'issuedOn', width: 110 },
          { title: '有效期至', dataIndex: 'expiresOn', width: 110 },
          {
            title: '状态',
            dataIndex: 'status',
            width: 90,
            priority: 'state',
            render: (s: CertificateStatus) => <Tag color={STATUS_COLORS[s]}>{CERTIFICATE_STATUS_LABELS[s]}</Tag>,
          },
          ...(scope === 'province' || scope === 'jurisdiction'
            ? [
                {
                  title: '全国平台',
                  dataIndex: 'nationalState',
                  width: 96,
                  render: (s: CertificateRow['nationalState']) => s && <Tag color={NATIONAL_COLORS[s]}>{NATIONAL_LABELS[s]}</Tag>,
                },
              ]
            : []),
          {
            title: '操作',
            key: 'op',
            width: 150,
            priority: 'actions',
            render: (_, c) => (
              <Space size={0}>
                <Button size="small" type="link" onClick={() => setViewing(c.id)}>
                  详情
                </Button>
                <Button size="small" type="link" href={`/api/certificates/${c.id}/pdf`} target="_blank" rel="noopener">
                  打印
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <CertificateDrawer id={viewing} onClose={() => setViewing(null)} />
    </Card>
  );
}
