import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { useListQuery } from '../../api/use-list-query';
import { ListTable } from '../../components/ListTable';
import { formatDateTime } from '../../format';

type AuditRow = {
  id: number;
  at: string;
  actorName: string | null;
  actorRole: string | null;
  ip: string | null;
  action: string;
  actionLabel: string;
  targetType: string | null;
  targetId: string | null;
  targetText: string | null;
  outcome: 'success' | 'failure' | 'denied';
  detail: Record<string, unknown>;
};
const OUTCOMES = {
  success: { label: '成功', color: 'green' },
  failure: { label: '失败', color: 'red' },
  denied: { label: '拒绝', color: 'orange' },
};

/** 审计日志: read-only search for the audit administrator. */
export function AuditPage() {
  // 操作类型, 结果 and the dates in the address (a search can be bookmarked); the keyword (a name, an address) is not.
  const list = useListQuery<AuditRow, 'action' | 'outcome' | 'from' | 'to'>({
    url: '/api/audit',
    queryKey: 'audit',
    paged: true,
    filters: { action: '', outcome: '', from: '', to: '' },
  });
  const { data: actions } = useQuery({
    queryKey: ['audit-actions'],
    queryFn: () => api<{ value: string; label: string }[]>('GET', '/api/audit/actions'),
  });

  const onFinish = (v: { keyword?: string; action?: string; outcome?: string; range?: [Dayjs, Dayjs] }) => {
    list.setFilter({
      keyword: v.keyword ?? '',
      action: v.action ?? '',
      outcome: v.outcome ?? '',
      from: v.range?.[0].format('YYYY-MM-DD') ?? '',
      to: v.range?.[1].format('YYYY-MM-DD') ?? '',
    });
  };

  return (
    <Card title="审计日志" extra={<Typography.Text type="secondary">日志只可追加，保留不少于180天</Typography.Text>}>
      <Form
        layout="inline"
        onFinish={onFinish}
        style={{ marginBottom: 16, rowGap: 8 }}
        initialValues={{
          action: list.filter.action || undefined,
          outcome: list.filter.outcome || undefined,
          range: list.filter.from && list.filter.to ? [dayjs(list.filter.from), dayjs(list.filter.to)] : undefined,
        }}
      >
        <Form.Item name="range">
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="action">
          <Select placeholder="操作类型" allowClear style={{ width: 170 }} options={actions} />
        </Form.Item>
        <Form.Item name="outcome">
          <Select
            placeholder="结果"
            allowClear
            style={{ width: 110 }}
            options={Object.entries(OUTCOMES).map(([value, o]) => ({ value, label: o.label }))}
          />
        </Form.Item>
        <Form.Item name="keyword">
          <Input placeholder="操作人 / 地址 / 对象编号" allowClear style={{ width: 200 }} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => list.exportTo('/api/audit/export')}>
            导出Excel
          </Button>
        </Space>
      </Form>
      <ListTable<AuditRow>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.rows}
        scroll={{ x: 1000 }}
        expandable={{ expandedRowRender: (r) => <pre style={{ margin: 0 }}>{JSON.stringify(r.detail, null, 2)}</pre> }}
        pagination={list.pagination}
        columns={[
          { title: '时间', dataIndex: 'at', render: formatDateTime, width: 150, priority: 'id' },
          { title: '操作人', dataIndex: 'actorName', render: (v) => v ?? '（匿名）' },
          { title: '来源地址', dataIndex: 'ip' },
          { title: '操作', dataIndex: 'actionLabel' },
          { title: '对象', key: 'target', render: (_, r) => r.targetText ?? '—' },
          {
            title: '结果',
            dataIndex: 'outcome',
            width: 80,
            priority: 'state',
            render: (o: AuditRow['outcome']) => <Tag color={OUTCOMES[o].color}>{OUTCOMES[o].label}</Tag>,
          },
        ]}
      />
    </Card>
  );
}
