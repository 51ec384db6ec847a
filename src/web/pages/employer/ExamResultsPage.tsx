import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { CATEGORY_CODES, categoryLabel } from '../../../shared/domain/categories';
import { api, download, toQuery } from '../../api/client';
import type { EmployerResult } from '../../api/types';
import { formatDateTime } from '../../format';
import { ListTable } from '../../components/ListTable';

/** 成绩查询 for an enterprise: its people's exam results. */
export function ExamResultsPage() {
  const [filter, setFilter] = useState<{ name?: string; category?: string; outcome?: string }>({});
  const { data, isFetching } = useQuery({
    queryKey: ['employer-results', filter],
    queryFn: () => api<EmployerResult[]>('GET', `/api/employer/exam-results${toQuery(filter)}`),
  });
  return (
    <Card
      title="成绩查询"
      extra={
        <Button icon={<DownloadOutlined />} onClick={() => download(`/api/employer/exam-results/export${toQuery(filter)}`)}>
          导出Excel
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder="姓名" style={{ width: 160 }} onSearch={(name) => setFilter({ ...filter, name })} />
        <Select
          allowClear
          placeholder="类别/工种"
          style={{ width: 240 }}
          showSearch
          optionFilterProp="label"
          onChange={(category) => setFilter({ ...filter, category })}
          options={CATEGORY_CODES.map((c) => ({ value: c, label: categoryLabel(c) }))}
        />
        <Select
          allowClear
          placeholder="考试结果"
          style={{ width: 120 }}
          onChange={(outcome) => setFilter({ ...filter, outcome })}
          options={[
            { value: 'passed', label: '合格' },
            { value: 'failed', label: '不合格' },
          ]}
        />
      </Space>
      <ListTable<EmployerResult>
        rowKey="id"
        loading={isFetching}
        dataSource={data}
        scroll={{ x: 1000 }}
        locale={{ emptyText: '暂无本企业人员的考试成绩' }}
        pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 条` }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90, priority: 'id' },
          { title: '身份证号', dataIndex: 'maskedIdNumber' },
          { title: '类别/工种', dataIndex: 'categoryLabel' },
          { title: '考场', dataIndex: 'sessionName' },
          { title: '考试时间', dataIndex: 'examDate', render: formatDateTime },
          { title: '理论', dataIndex: 'theory', width: 70, priority: 'state', render: (v) => v ?? '—' },
          { title: '实操', dataIndex: 'practical', width: 70, priority: 'state', render: (v) => v ?? '—' },
          {
            title: '结果',
            dataIndex: 'label',
            width: 90,
            priority: 'state',
            render: (l: string, r) => <Tag color={r.passed ? 'green' : 'red'}>{l}</Tag>,
          },
        ]}
      />
    </Card>
  );
}
