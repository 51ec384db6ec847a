import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { categoryLabel, SAFETY_CATEGORIES, WORK_TYPES } from '../../../shared/domain/categories';
import { api, download } from '../../api/client';
import type { ExamSessionView, SessionApplicants } from '../../api/types';
import { useAction } from '../../api/use-action';
import { useAccount } from '../../auth';
import { ActionButton } from '../../components/ActionButton';
import { ListTable } from '../../components/ListTable';
import { beijingIso, formatDateTime } from '../../format';
import { ScoreImport } from './ScoreImport';

type FormValues = {
  name: string;
  address: string;
  room: string;
  kind: 'theory' | 'practical';
  time: [Dayjs, Dayjs];
  window: [Dayjs, Dayjs];
  capacity: number;
  categories: string[];
};
const STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  published: 'green',
  closed: 'orange',
  held: 'blue',
  scores_complete: 'purple',
};
const LISTS = [['exam-sessions'], ['applicants']];
const CONFIRM = {
  publish: {
    label: '发布',
    title: (s: ExamSessionView) => `发布考场「${s.name}」？`,
    content: '发布后符合条件的学员即可申请，考场信息不能再修改。',
  },
  close: { label: '截止申请', title: () => '截止申请？', content: '截止后学员不能再申请本考场。' },
  hold: { label: '考试完成', title: () => '标记考试已结束？', content: '考试结束后即可上传成绩。' },
} as const;

/** 发布考场: fill in the session, see how many candidates reached the hours, publish; applicants and sign-in sheet. */
export function ExamSessionsPage() {
  // Creating 考场 is the city's (its route says so, and the server tells); what may be done with each one comes with it.
  const createsSessions = useAccount().can.createExamSession;
  const { modal } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [editing, setEditing] = useState(false);
  const [viewing, setViewing] = useState<string | null>(null);
  const [ending, setEnding] = useState<{ id: string; action: 'delete' | 'cancel'; name: string } | null>(null);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const { data, isFetching } = useQuery({
    queryKey: ['exam-sessions'],
    queryFn: () => api<ExamSessionView[]>('GET', '/api/exam-sessions'),
  });
  const { data: hours } = useQuery({
    queryKey: ['hours-reached'],
    queryFn: () => api<{ rows: { category: string; reached: number; approved: number }[] }>('GET', '/api/review/hours-reached'),
  });
  const { data: applicants } = useQuery({
    queryKey: ['applicants', viewing],
    queryFn: () => api<SessionApplicants>('GET', `/api/exam-sessions/${viewing}/applicants`),
    enabled: !!viewing,
  });
  const chosen = Form.useWatch('categories', form) ?? [];
  const saving = useAction(
    (v: FormValues, request) =>
      api(
        'POST',
        '/api/exam-sessions',
        {
          name: v.name,
          address: v.address,
          room: v.room,
          kind: v.kind,
          capacity: v.capacity,
          categories: v.categories,
          startsAt: beijingIso(v.time[0]),
          endsAt: beijingIso(v.time[1]),
          applicationsOpenAt: beijingIso(v.window[0]),
          applicationsCloseAt: beijingIso(v.window[1]),
        },
        request,
      ),
    {
      idempotent: true,
      success: '考场已保存为草稿，确认无误后请发布',
      invalidates: LISTS,
      onSuccess: () => {
        setEditing(false);
        form.resetFields();
      },
    },
  );
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (v) await saving.run(v);
  };

  const changing = useAction(
    ({ s, action }: { s: ExamSessionView; action: keyof typeof CONFIRM }) => api('POST', `/api/exam-sessions/${s.id}/${action}`),
    { success: '操作成功', invalidates: LISTS },
  );
  const act = (s: ExamSessionView, action: keyof typeof CONFIRM) =>
    modal.confirm({
      title: CONFIRM[action].title(s),
      content: CONFIRM[action].content,
      okText: '确定',
      cancelText: '取消',
      onOk: () => changing.run({ s, action }),
    });

  const endingAction = useAction(
    ({ id, action, reason }: { id: string; action: 'delete' | 'cancel'; reason: string }) =>
      api('POST', `/api/exam-applications/${id}/${action}`, { reason }),
    {
      success: (_r, v) => (v.action === 'delete' ? '已删除申请，座位已释放' : '已取消该学员的考试，座位已释放'),
      invalidates: LISTS,
      onSuccess: () => {
        setEnding(null);
        reasonForm.resetFields();
      },
    },
  );
  const endApplication = async () => {
    const v = await reasonForm.validateFields().catch(() => null);
    if (v && ending) await endingAction.run({ id: ending.id, action: ending.action, reason: v.reason });
  };

  return (
    <Card
      title="考场管理"
      extra={
        createsSessions && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(true)}>
            填写考场信息
          </Button>
        )
      }
    >
      <ListTable<ExamSessionView>
        rowKey="id"
        loading={isFetching}
        dataSource={data}
        scroll={{ x: 1100 }}
        locale={{ emptyText: '还没有考场' }}
        columns={[
          { title: '考场名称', dataIndex: 'name', width: 200, priority: 'id' },
          { title: '类型', dataIndex: 'kindLabel' },
          {
            title: '类别/工种',
            dataIndex: 'categoryLabels',
            render: (cs: string[]) => (
              <Space wrap size={4}>
                {cs.map((c) => (
                  <Tag key={c} style={{ whiteSpace: 'normal' }}>
                    {c}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: '考试时间', dataIndex: 'startsAt', render: formatDateTime },
          { title: '申请截止', dataIndex: 'applicationsCloseAt', render: formatDateTime },
          { title: '座位', render: (_, s) => `${s.taken} / ${s.capacity}` },
          {
            title: '状态',
            dataIndex: 'status',
            width: 130,
            priority: 'state',
            render: (st: string, s) => <Tag color={STATUS_COLORS[st]}>{s.statusLabel}</Tag>,
          },
          {
            title: '操作',
            key: 'op',
            width: 170,
            priority: 'actions',
            render: (_, s) => (
              <Space size="small">
                <Badge count={s.withdrawalRequests} size="small" title="待处理退考申请">
                  <Button size="small" type="link" onClick={() => setViewing(s.id)}>
                    申请名单
                  </Button>
                </Badge>
                {(['publish', 'close', 'hold'] as const).map((action) => (
                  <ActionButton key={action} policy={s.policies[action]} size="small" type="link" onClick={() => act(s, action)}>
                    {CONFIRM[action].label}
                  </ActionButton>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing}
        title="填写考场信息及工种"
        okText="保存草稿"
        cancelText="取消"
        onOk={save}
        confirmLoading={saving.pending}
        onCancel={() => setEditing(false)}
        width={640}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ kind: 'theory', capacity: 60 }}>
          <Form.Item name="name" label="考场名称" rules={[{ required: true, message: '请填写考场名称' }]}>
            <Input maxLength={100} placeholder="如：长春市第一考点（2026年第4期）" />
          </Form.Item>
          <Form.Item name="address" label="考试地址" rules={[{ required: true, message: '请填写考试地址' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="room" label="考室" rules={[{ required: true, message: '请填写考室' }]}>
              <Input maxLength={50} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="capacity" label="座位数" rules={[{ required: true, message: '请填写座位数' }]}>
              <InputNumber min={1} max={1000} precision={0} />
            </Form.Item>
            <Form.Item name="kind" label="考试类型">
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'theory', label: '理论' },
                  { value: 'practical', label: '实操' },
                ]}
              />
            </Form.Item>
          </Space>
          <Form.Item name="time" label="考试时间" rules={[{ required: true, message: '请选择考试时间' }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="window" label="申请时间" rules={[{ required: true, message: '请选择申请开始和截止时间' }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="categories" label="适用类别/工种" rules={[{ required: true, message: '请选择类别或工种' }]}>
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={[...Object.keys(SAFETY_CATEGORIES), ...Object.keys(WORK_TYPES)].map((c) => ({
                value: c,
                label: categoryLabel(c),
              }))}
            />
          </Form.Item>
          {chosen.length > 0 && (
            <Alert
              type="info"
              showIcon
              title="本地区已达到学时的学员"
              data-testid="hours-hint"
              description={chosen
                .map((c) => {
                  const h = hours?.rows.find((r) => r.category === c);
                  return `${categoryLabel(c)}：${h?.reached ?? 0} 人（审核通过 ${h?.approved ?? 0} 人）`;
                })
                .join('；')}
            />
          )}
        </Form>
      </Modal>
      <Drawer
        open={!!viewing}
        onClose={() => setViewing(null)}
        title={applicants ? `申请名单 · ${applicants.session.name}` : '申请名单'}
        size={Math.min(900, window.innerWidth)}
        extra={
          viewing && (
            <Space wrap>
              {applicants?.session.policies.importScores?.allowed && <ScoreImport sessionId={viewing} />}
              <Button icon={<DownloadOutlined />} onClick={() => download(`/api/exam-sessions/${viewing}/sign-in-sheet`)}>
                导出签到表
              </Button>
            </Space>
          )
        }
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={applicants?.rows}
          locale={{ emptyText: '暂无申请' }}
          scroll={{ x: 700 }}
          columns={[
            { title: '座位', dataIndex: 'seatNumber', render: (v) => v ?? '—' },
            { title: '姓名', dataIndex: 'name' },
            { title: '身份证号', dataIndex: 'maskedIdNumber' },
            { title: '准考证号', dataIndex: 'ticketNumber', render: (v) => v ?? '—' },
            { title: '状态', dataIndex: 'statusLabel' },
            { title: '准考证', dataIndex: 'ticketPrintedAt', render: (v) => (v ? `已打印 ${formatDateTime(v)}` : '未打印') },
            {
              title: '成绩',
              key: 'result',
              render: (_: unknown, r: SessionApplicants['rows'][number]) =>
                r.result ? `${r.result.theoryAbsent ? '缺考' : r.result.theory}（${r.result.label}）` : '—',
            },
            ...(applicants?.rows.some((r) => Object.keys(r.policies).length)
              ? [
                  {
                    title: '操作',
                    key: 'op',
                    render: (_: unknown, r: SessionApplicants['rows'][number]) => (
                      <>
                        <ActionButton
                          policy={r.policies.delete}
                          size="small"
                          type="link"
                          danger
                          onClick={() => setEnding({ id: r.id, action: 'delete', name: r.name })}
                        >
                          删除申请（退考）
                        </ActionButton>
                        <ActionButton
                          policy={r.policies.cancel}
                          size="small"
                          type="link"
                          danger
                          onClick={() => setEnding({ id: r.id, action: 'cancel', name: r.name })}
                        >
                          取消考试
                        </ActionButton>
                      </>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Drawer>
      <Modal
        open={!!ending}
        title={ending?.action === 'delete' ? `删除 ${ending?.name} 的考场申请` : `取消 ${ending?.name} 的本次考试`}
        okText="确定"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        onOk={endApplication}
        confirmLoading={endingAction.pending}
        onCancel={() => setEnding(null)}
        destroyOnHidden
      >
        <p>座位将被释放；准考证打印后不能再取消。</p>
        <Form form={reasonForm} layout="vertical">
          <Form.Item name="reason" label="原因" rules={[{ required: true, message: '请填写原因' }]}>
            <Input.TextArea rows={3} maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
