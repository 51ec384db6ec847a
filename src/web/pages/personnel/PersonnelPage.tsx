import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { CATEGORY_CODES, categoryLabel } from '../../../shared/domain/categories';
import { CERTIFICATE_STATUS_LABELS } from '../../../shared/domain/certificate';
import { api, download, toQuery } from '../../api/client';
import type { PersonnelRow } from '../../api/types';
import { useAction } from '../../api/use-action';
import { useUrlFilters } from '../../api/use-url-filters';
import { ActionButton } from '../../components/ActionButton';
import { ListTable } from '../../components/ListTable';
import { CertificateDrawer } from '../certificates/CertificateDrawer';
import { STATUS_COLORS } from '../certificates/status-colors';
import { ContinuingModal } from './ContinuingModal';
import { LookupHolderModal } from './LookupHolderModal';

type Filter = { name?: string; category?: string; status?: string; expiringWithinDays?: number };

/** 本企业人员信息查询: registrations, hours, results and certificates of the enterprise's people. */
export function PersonnelPage() {
  const { modal } = App.useApp();
  // Structural filters live in the address (the home page links here as ?expiringWithinDays=90); the name typed does not.
  const [url, setUrl] = useUrlFilters({ category: '', status: '', expiringWithinDays: '' });
  const [name, setName] = useState<string>();
  const filter: Filter = {
    ...url,
    name,
    expiringWithinDays: url.expiringWithinDays ? Number(url.expiringWithinDays) : undefined,
  };
  const [lookup, setLookup] = useState(false);
  const [viewing, setViewing] = useState<string | null>(null);
  const [changing, setChanging] = useState<PersonnelRow | null>(null);
  const [enrolling, setEnrolling] = useState<PersonnelRow | null>(null);
  const extending = useAction((r: PersonnelRow) => api('POST', `/api/certificates/${r.certificateId}/extension`), {
    success: '延期申请已提交，等待主管部门审核',
    invalidates: [['personnel']],
  });
  const extend = (r: PersonnelRow) =>
    modal.confirm({
      title: `为 ${r.name} 申请证书延期？`,
      content: `证书 ${r.number} 有效期至 ${r.expiresOn}。须在到期前3个月内申请，且本有效期内继续教育学时达到要求；由发证地主管部门审核。`,
      okText: '提交申请',
      cancelText: '取消',
      onOk: () => extending.run(r),
    });
  const [form] = Form.useForm<{ newJob?: string; newTitle?: string; reason: string }>();
  const requestingChange = useAction(
    (v: { certificateId: string; newJob?: string; newTitle?: string; reason: string }, request) =>
      api('POST', '/api/personnel-changes', { kind: 'details', ...v }, request),
    {
      idempotent: true,
      success: '已提交，等待主管部门审核',
      onSuccess: () => {
        setChanging(null);
        form.resetFields();
      },
    },
  );
  const { data, isFetching } = useQuery({
    queryKey: ['personnel', filter],
    queryFn: () => api<PersonnelRow[]>('GET', `/api/personnel${toQuery(filter)}`),
  });

  return (
    <Card
      title="本企业人员信息"
      extra={
        <Space wrap>
          <Button type="primary" icon={<SearchOutlined />} onClick={() => setLookup(true)}>
            读取原有证人员信息
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => download(`/api/personnel/export${toQuery(filter)}`)}>
            导出Excel
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder="姓名" style={{ width: 140 }} onSearch={setName} />
        <Select
          allowClear
          placeholder="类别/工种"
          style={{ width: 220 }}
          showSearch
          optionFilterProp="label"
          value={url.category || undefined}
          onChange={(category) => setUrl({ category })}
          options={CATEGORY_CODES.map((c) => ({ value: c, label: categoryLabel(c) }))}
        />
        <Select
          allowClear
          placeholder="证书状态"
          style={{ width: 120 }}
          value={url.status || undefined}
          onChange={(status) => setUrl({ status })}
          options={[
            ...Object.entries(CERTIFICATE_STATUS_LABELS).map(([value, label]) => ({ value, label })),
            { value: 'none', label: '尚无证书' },
          ]}
        />
        <Select
          allowClear
          placeholder="即将到期"
          style={{ width: 140 }}
          value={url.expiringWithinDays || undefined}
          onChange={(expiringWithinDays) => setUrl({ expiringWithinDays })}
          options={[30, 90, 180].map((d) => ({ value: String(d), label: `${d} 天内到期` }))}
        />
      </Space>
      <ListTable<PersonnelRow>
        rowKey="key"
        loading={isFetching}
        dataSource={data}
        scroll={{ x: 1450 }}
        locale={{ emptyText: '暂无本企业人员' }}
        pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 条` }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90, priority: 'id' },
          { title: '身份证号', dataIndex: 'maskedIdNumber' },
          { title: '类别/工种', dataIndex: 'categoryLabel' },
          { title: '报名状态', dataIndex: 'registrationStatus', render: (v) => v ?? '—' },
          { title: '学时', dataIndex: 'hours', width: 70, render: (v) => v ?? '—' },
          { title: '考试结果', dataIndex: 'examResult', width: 80, priority: 'state', render: (v) => v ?? '—' },
          { title: '证书编号', dataIndex: 'number', width: 200, priority: 'id', render: (v) => v ?? '—' },
          {
            title: '证书状态',
            dataIndex: 'status',
            width: 90,
            priority: 'state',
            render: (s: PersonnelRow['status'], r) => (s ? <Tag color={STATUS_COLORS[s]}>{r.statusLabel}</Tag> : '—'),
          },
          { title: '有效期至', dataIndex: 'expiresOn', width: 110, render: (v) => v ?? '—' },
          {
            title: '操作',
            key: 'op',
            width: 200,
            priority: 'actions',
            render: (_, r) =>
              r.certificateId && (
                <Space size={0} wrap>
                  <Button size="small" type="link" onClick={() => setViewing(r.certificateId)}>
                    证书
                  </Button>
                  <Button size="small" type="link" onClick={() => setChanging(r)}>
                    变更岗位/职称
                  </Button>
                  <ActionButton policy={r.policies.enrolContinuing} size="small" type="link" onClick={() => setEnrolling(r)}>
                    继续教育报名
                  </ActionButton>
                  <ActionButton policy={r.policies.requestExtension} size="small" type="link" onClick={() => extend(r)}>
                    申请延期
                  </ActionButton>
                </Space>
              ),
          },
        ]}
      />
      <LookupHolderModal open={lookup} onClose={() => setLookup(false)} />
      <CertificateDrawer id={viewing} onClose={() => setViewing(null)} />
      <ContinuingModal row={enrolling} onClose={() => setEnrolling(null)} />
      <Modal
        open={!!changing}
        title={`人员变更申请：${changing?.name ?? ''}`}
        okText="提交申请"
        cancelText="取消"
        destroyOnHidden
        onCancel={() => setChanging(null)}
        confirmLoading={requestingChange.pending}
        onOk={async () => {
          const v = await form.validateFields().catch(() => null);
          if (v && changing) await requestingChange.run({ certificateId: changing.certificateId!, ...v });
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="newJob" label="新岗位">
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="newTitle" label="新职称">
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="reason" label="变更原因" rules={[{ required: true, min: 2, message: '请填写变更原因' }]}>
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
