import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Drawer, Form, Input, Modal, Select, Space, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { categoryLabel, SAFETY_CATEGORIES, WORK_TYPES } from '../../../shared/domain/categories';
import { REGISTRATION_STATUS_LABELS } from '../../../shared/domain/registration-status';
import { api } from '../../api/client';
import type { RegistrationView, ReviewRow } from '../../api/types';
import { useAction } from '../../api/use-action';
import { useListQuery } from '../../api/use-list-query';
import { useAccount } from '../../auth';
import { ActionButton } from '../../components/ActionButton';
import { ListTable } from '../../components/ListTable';
import { RegistrationDetail, StatusTag } from '../../components/RegistrationDetail';
import { formatDateTime } from '../../format';
import { CapturesPanel } from './CapturesPanel';

type Filter = { status?: string; category?: string; from?: string; to?: string; name?: string; idNumber?: string };
type BatchResult = { id: string; ok: boolean; message: string };

/** 审核学员信息: filters, scans inline, approve / return / delete, batch approval with a per-row answer. */
export function ReviewQueuePage() {
  const { scope } = useAccount();
  const { modal } = App.useApp();
  // State, category and dates live in the address (the home page's 待审核报名 links here); a name or ID number typed does not.
  const list = useListQuery<ReviewRow, 'status' | 'category' | 'from' | 'to'>({
    url: '/api/review/registrations',
    queryKey: 'review-queue',
    paged: true,
    filters: { status: 'awaiting_authority', category: '', from: '', to: '' },
  });
  const url = list.filter;
  const [selected, setSelected] = useState<string[]>([]);
  const [viewingId, setViewingId] = useState<string | null>(null);
  const { data: viewing } = useQuery({
    queryKey: ['registration', viewingId],
    queryFn: () => api<RegistrationView>('GET', `/api/registrations/${viewingId}`),
    enabled: !!viewingId,
  });
  const [revealed, setRevealed] = useState<string | null>(null);
  const [reasonFor, setReasonFor] = useState<{ r: RegistrationView; action: 'return' | 'delete' } | null>(null);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const names = new Map(list.rows?.map((r) => [r.id, r.person.name]));

  // Only rows the server says may be approved can be picked for a batch.
  const batchable = (list.rows ?? []).some((r) => r.policies.approve?.allowed);
  const deciding = useAction(({ call }: { call: () => Promise<unknown>; done: string }) => call(), {
    success: (_r, v) => v.done,
    invalidates: [['review-queue'], ['registration']],
    onSuccess: () => setViewingId(null),
  });
  const act = (call: () => Promise<unknown>, done: string) => deciding.run({ call, done });

  const approve = (r: Pick<ReviewRow, 'id' | 'person'>) =>
    modal.confirm({
      title: `审核通过 ${r.person.name} 的报名？`,
      content: '审核通过后学员不能再修改报名信息。',
      okText: '审核通过',
      cancelText: '取消',
      onOk: () => act(() => api('POST', `/api/review/registrations/${r.id}/approve`), '已审核通过'),
    });

  const batchApproving = useAction(
    (ids: string[]) => api<{ results: BatchResult[] }>('POST', '/api/review/registrations/batch-approve', { ids }),
    {
      invalidates: [['review-queue'], ['registration']],
      onSuccess: ({ results }) => {
        setSelected([]);
        const failed = results.filter((x) => !x.ok);
        modal.info({
          title: `处理完成：成功 ${results.length - failed.length} 条，失败 ${failed.length} 条`,
          content: failed.length ? (
            <ul data-testid="batch-failures">
              {failed.map((f) => (
                <li key={f.id}>
                  {names.get(f.id) ?? f.id}：{f.message}
                </li>
              ))}
            </ul>
          ) : null,
        });
      },
    },
  );
  const batchApprove = () =>
    modal.confirm({
      title: `批量审核通过所选 ${selected.length} 条报名？`,
      okText: '审核通过',
      cancelText: '取消',
      onOk: () => batchApproving.run(selected),
    });

  const submitReason = async () => {
    const v = await reasonForm.validateFields().catch(() => null);
    if (!v || !reasonFor) return;
    const { r, action } = reasonFor;
    if (
      (await act(
        () => api('POST', `/api/review/registrations/${r.id}/${action}`, { reason: v.reason }),
        action === 'return' ? '已退回学员' : '报名已删除',
      )) !== undefined
    ) {
      setReasonFor(null);
      reasonForm.resetFields();
    }
  };

  const revealing = useAction(
    (r: RegistrationView) => api<{ idNumber: string }>('POST', `/api/review/registrations/${r.id}/reveal-id-number`),
    { onSuccess: ({ idNumber }) => setRevealed(idNumber) },
  );
  const reveal = (r: RegistrationView) =>
    modal.confirm({
      title: '显示完整身份证号？',
      content: '查看完整身份证号将记入审计日志。',
      okText: '显示',
      cancelText: '取消',
      onOk: () => revealing.run(r),
    });

  const onFinish = (v: Omit<Filter, 'from' | 'to'> & { range?: [Dayjs, Dayjs] }) => {
    const { range, ...rest } = v;
    list.setFilter({
      status: rest.status ?? '',
      category: rest.category ?? '',
      from: range?.[0].format('YYYY-MM-DD') ?? '',
      to: range?.[1].format('YYYY-MM-DD') ?? '',
      name: rest.name ?? '',
      idNumber: rest.idNumber ?? '',
    });
    setSelected([]);
  };

  return (
    <Card
      title="学员报名审核"
      extra={
        batchable && (
          <Button type="primary" disabled={!selected.length} onClick={batchApprove}>
            批量审核通过（{selected.length}）
          </Button>
        )
      }
    >
      <Form
        layout="inline"
        onFinish={onFinish}
        style={{ marginBottom: 16, rowGap: 8 }}
        initialValues={{
          status: url.status || undefined,
          category: url.category || undefined,
          range: url.from && url.to ? [dayjs(url.from), dayjs(url.to)] : undefined,
        }}
      >
        <Form.Item name="status">
          <Select
            allowClear
            placeholder="状态"
            style={{ width: 150 }}
            options={Object.entries(REGISTRATION_STATUS_LABELS)
              .filter(([k]) => k !== 'draft')
              .map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="category">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="类别/工种"
            style={{ width: 220 }}
            options={[...Object.keys(SAFETY_CATEGORIES), ...Object.keys(WORK_TYPES)].map((c) => ({
              value: c,
              label: categoryLabel(c),
            }))}
          />
        </Form.Item>
        <Form.Item name="range">
          <DatePicker.RangePicker placeholder={['提交开始', '提交结束']} />
        </Form.Item>
        <Form.Item name="name">
          <Input allowClear placeholder="姓名" style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="idNumber">
          <Input allowClear placeholder="身份证号（精确）" style={{ width: 190 }} maxLength={18} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => list.exportTo('/api/review/registrations/export')}>
            导出Excel
          </Button>
        </Space>
      </Form>
      <ListTable<ReviewRow>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.rows}
        scroll={{ x: 1000 }}
        rowSelection={
          batchable
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as string[]),
                getCheckboxProps: (r) => ({ disabled: !r.policies.approve?.allowed }),
              }
            : undefined
        }
        locale={{ emptyText: '没有符合条件的报名' }}
        pagination={list.pagination}
        columns={[
          { title: '姓名', width: 90, priority: 'id', render: (_, r) => r.person.name },
          { title: '身份证号', render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{r.person.maskedIdNumber}</span> },
          { title: '报考类别', dataIndex: 'categoryLabel' },
          { title: '工作单位', dataIndex: 'enterpriseName', render: (v) => v ?? '—' },
          ...(scope === 'province' ? [{ title: '报往地区', dataIndex: 'jurisdictionName' }] : []),
          { title: '提交时间', dataIndex: 'submittedAt', render: formatDateTime },
          { title: '状态', width: 130, priority: 'state', render: (_, r) => <StatusTag r={r} /> },
          {
            title: '操作',
            key: 'op',
            width: 120,
            priority: 'actions',
            render: (_, r) => (
              <Space size="small">
                <Button
                  size="small"
                  type="link"
                  onClick={() => {
                    setRevealed(null);
                    setViewingId(r.id);
                  }}
                >
                  审核
                </Button>
                <ActionButton policy={r.policies.approve} size="small" type="link" onClick={() => approve(r)}>
                  通过
                </ActionButton>
              </Space>
            ),
          },
        ]}
      />
      <Drawer
        open={!!viewingId}
        onClose={() => setViewingId(null)}
        title="报名详情"
        loading={!viewing}
        size={Math.min(960, window.innerWidth)}
        extra={
          viewing && (
            <Space wrap>
              <ActionButton policy={viewing.policies.approve} type="primary" onClick={() => approve(viewing)}>
                审核通过
              </ActionButton>
              <ActionButton policy={viewing.policies.return} onClick={() => setReasonFor({ r: viewing, action: 'return' })}>
                退回
              </ActionButton>
              <ActionButton
                policy={viewing.policies.delete}
                danger
                onClick={() => setReasonFor({ r: viewing, action: 'delete' })}
              >
                删除
              </ActionButton>
            </Space>
          )
        }
      >
        {viewing && (
          <Tabs
            items={[
              {
                key: 'info',
                label: '报名信息',
                children: (
                  <RegistrationDetail
                    r={viewing}
                    extraIdentity={
                      revealed ? (
                        <Typography.Text code data-testid="revealed-id">
                          {revealed}
                        </Typography.Text>
                      ) : (
                        <Button size="small" type="link" onClick={() => reveal(viewing)}>
                          显示完整号码
                        </Button>
                      )
                    }
                  />
                ),
              },
              ...(viewing.status === 'approved'
                ? [{ key: 'study', label: '学习进度与抓拍', children: <CapturesPanel registrationId={viewing.id} /> }]
                : []),
            ]}
          />
        )}
      </Drawer>
      <Modal
        open={!!reasonFor}
        title={reasonFor?.action === 'delete' ? '删除学员报名' : '退回报名'}
        okText={reasonFor?.action === 'delete' ? '确认删除' : '退回'}
        okButtonProps={{ danger: true }}
        cancelText="取消"
        onOk={submitReason}
        confirmLoading={deciding.pending}
        onCancel={() => setReasonFor(null)}
        destroyOnHidden
      >
        {reasonFor?.action === 'delete' && (
          <Alert
            style={{ marginBottom: 12 }}
            type="warning"
            showIcon
            title="无特殊原因请不要删除学员信息。删除将记入审计日志，学员会收到通知。"
          />
        )}
        <Form form={reasonForm} layout="vertical">
          <Form.Item
            name="reason"
            label={reasonFor?.action === 'delete' ? '删除原因' : '退回原因'}
            rules={[
              { required: true, message: '请填写原因' },
              {
                min: reasonFor?.action === 'delete' ? 4 : 2,
                message: reasonFor?.action === 'delete' ? '请填写具体原因（至少4个字）' : '请填写原因',
              },
            ]}
          >
            <Input.TextArea rows={3} maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
