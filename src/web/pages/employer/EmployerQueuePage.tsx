import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Drawer, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { REGISTRATION_STATUS_LABELS } from '../../../shared/domain/registration-status';
import { api, toQuery } from '../../api/client';
import type { Page, RegistrationView } from '../../api/types';
import { useAction } from '../../api/use-action';
import { useUrlFilters } from '../../api/use-url-filters';
import { ActionButton } from '../../components/ActionButton';
import { ListTable } from '../../components/ListTable';
import { RegistrationDetail, StatusTag } from '../../components/RegistrationDetail';
import { formatDateTime } from '../../format';
import { StudyProgressPanel } from '../../components/StudyProgressPanel';

/** 企业确认: the enterprise attests labour relation and annual safety training, or sends the registration back. */
export function EmployerQueuePage() {
  // The state filter lives in the address (the home page's 待确认报名 links here); the name typed does not.
  const [url, setUrl] = useUrlFilters({ status: 'awaiting_employer' });
  const [name, setName] = useState<string>();
  const filter = { status: url.status, name };
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [confirming, setConfirming] = useState<RegistrationView | null>(null);
  const [rejecting, setRejecting] = useState<RegistrationView | null>(null);
  const [viewing, setViewing] = useState<RegistrationView | null>(null);
  const [attest, setAttest] = useState({ labourRelation: false, annualTraining: false });
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const query = toQuery({ ...filter, ...paging });
  const { data, isFetching } = useQuery({
    queryKey: ['employer-queue', query],
    queryFn: () => api<Page<RegistrationView>>('GET', `/api/employer/registrations${query}`),
  });
  const confirmingAction = useAction(
    (r: RegistrationView) => api('POST', `/api/employer/registrations/${r.id}/confirm`, attest),
    {
      success: '已确认，报名转主管部门审核',
      invalidates: [['employer-queue']],
      onSuccess: () => setConfirming(null),
    },
  );
  const rejectingAction = useAction(
    ({ r, reason }: { r: RegistrationView; reason: string }) =>
      api('POST', `/api/employer/registrations/${r.id}/reject`, { reason }),
    {
      success: '已退回学员',
      invalidates: [['employer-queue']],
      onSuccess: () => {
        setRejecting(null);
        reasonForm.resetFields();
      },
    },
  );
  const confirm = () => (confirming ? confirmingAction.run(confirming) : undefined);
  const reject = async () => {
    const v = await reasonForm.validateFields().catch(() => null);
    if (v && rejecting) await rejectingAction.run({ r: rejecting, reason: v.reason });
  };

  return (
    <Card title="报名确认">
      <Form
        layout="inline"
        initialValues={{ status: filter.status || undefined }}
        onFinish={(v: { status?: string; name?: string }) => {
          setUrl({ status: v.status ?? '' });
          setName(v.name);
          setPaging((p) => ({ ...p, page: 1 }));
        }}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="status">
          <Select
            allowClear
            placeholder="状态"
            style={{ width: 160 }}
            options={Object.entries(REGISTRATION_STATUS_LABELS)
              .filter(([k]) => k !== 'draft')
              .map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="name">
          <Input allowClear placeholder="姓名" style={{ width: 160 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
      </Form>
      <ListTable<RegistrationView>
        rowKey="id"
        loading={isFetching}
        dataSource={data?.rows}
        scroll={{ x: 800 }}
        locale={{ emptyText: '暂无需要确认的报名' }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: data?.total,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        columns={[
          { title: '姓名', width: 90, priority: 'id', render: (_, r) => r.person.name },
          { title: '身份证号', render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{r.person.maskedIdNumber}</span> },
          { title: '报考类别', dataIndex: 'categoryLabel' },
          { title: '岗位', dataIndex: 'job', render: (v) => v ?? '—' },
          { title: '状态', width: 130, priority: 'state', render: (_, r) => <StatusTag r={r} /> },
          { title: '提交时间', dataIndex: 'submittedAt', render: formatDateTime },
          {
            title: '操作',
            key: 'op',
            width: 160,
            priority: 'actions',
            render: (_, r) => (
              <Space size="small">
                <Button size="small" type="link" onClick={() => setViewing(r)}>
                  查看
                </Button>
                <ActionButton
                  policy={r.policies.employerConfirm}
                  size="small"
                  type="link"
                  onClick={() => {
                    setAttest({ labourRelation: false, annualTraining: false });
                    setConfirming(r);
                  }}
                >
                  确认
                </ActionButton>
                <ActionButton policy={r.policies.employerReject} size="small" type="link" danger onClick={() => setRejecting(r)}>
                  退回
                </ActionButton>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!confirming}
        title={`确认 ${confirming?.person.name ?? ''} 的报名`}
        okText="确认"
        cancelText="取消"
        onOk={confirm}
        onCancel={() => setConfirming(null)}
        confirmLoading={confirmingAction.pending}
        okButtonProps={{ disabled: !attest.labourRelation || !attest.annualTraining }}
        destroyOnHidden
      >
        <p>报考类别：{confirming?.categoryLabel}</p>
        <Space direction="vertical">
          <Checkbox
            checked={attest.labourRelation}
            onChange={(e) => setAttest((a) => ({ ...a, labourRelation: e.target.checked }))}
          >
            该人员与本企业已确立劳动关系
          </Checkbox>
          <Checkbox
            checked={attest.annualTraining}
            onChange={(e) => setAttest((a) => ({ ...a, annualTraining: e.target.checked }))}
          >
            该人员经本企业年度安全生产教育培训合格
          </Checkbox>
        </Space>
      </Modal>
      <Modal
        open={!!rejecting}
        title="退回报名"
        okText="退回"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        onOk={reject}
        confirmLoading={rejectingAction.pending}
        onCancel={() => setRejecting(null)}
        destroyOnHidden
      >
        <Form form={reasonForm} layout="vertical">
          <Form.Item
            name="reason"
            label="退回原因"
            rules={[
              { required: true, message: '请填写退回原因' },
              { min: 2, message: '请填写退回原因' },
            ]}
          >
            <Input.TextArea rows={3} maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
      <Drawer open={!!viewing} onClose={() => setViewing(null)} title="报名详情" size={Math.min(900, window.innerWidth)}>
        {viewing && <RegistrationDetail r={viewing} />}
        {viewing?.status === 'approved' && (
          <div style={{ marginTop: 24 }}>
            <Typography.Title level={5}>学习进度</Typography.Title>
            <StudyProgressPanel registrationId={viewing.id} />
          </div>
        )}
      </Drawer>
    </Card>
  );
}
