import { useQuery } from '@tanstack/react-query';
import { Card, Table } from 'antd';
import { api } from '../../api/client';

type Row = { category: string; categoryLabel: string; requiredHours: number; approved: number; reached: number };

/** 查看达到学时人数: per category or work type, in the authority's jurisdiction. */
export function HoursReachedPage() {
  const { data, isFetching } = useQuery({
    queryKey: ['hours-reached'],
    queryFn: () => api<{ rows: Row[] }>('GET', '/api/review/hours-reached'),
  });
  return (
    <Card title="达到学时人数">
      <Table<Row>
        rowKey="category"
        loading={isFetching}
        dataSource={data?.rows}
        pagination={false}
        locale={{ emptyText: '暂无审核通过的学员' }}
        columns={[
          { title: '类别/工种', dataIndex: 'categoryLabel' },
          { title: '要求学时', dataIndex: 'requiredHours' },
          { title: '审核通过人数', dataIndex: 'approved' },
          { title: '达到学时人数', dataIndex: 'reached' },
        ]}
      />
    </Card>
  );
}
