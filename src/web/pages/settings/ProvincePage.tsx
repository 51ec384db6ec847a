import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Table } from 'antd';
import { api } from '../../api/client';
import type { Jurisdiction } from '../../api/types';
import { StudyRulesCard } from './StudyRulesCard';
import { PassMarksCard } from './PassMarksCard';

/** 地区设置: the province and its jurisdictions with their certificate-number letters. */
export function ProvincePage() {
  const { data } = useQuery({
    queryKey: ['province'],
    queryFn: () => api<{ name: string; abbreviation: string; jurisdictions: Jurisdiction[] }>('GET', '/api/settings/province'),
  });
  return (
    <>
      <Card title="地区设置">
        <Descriptions style={{ marginBottom: 16 }}>
          <Descriptions.Item label="省份">{data?.name}</Descriptions.Item>
          <Descriptions.Item label="简称">{data?.abbreviation}</Descriptions.Item>
        </Descriptions>
        <Table<Jurisdiction>
          rowKey="code"
          pagination={false}
          dataSource={data?.jurisdictions}
          columns={[
            { title: '地区代码', dataIndex: 'code' },
            { title: '名称', dataIndex: 'name' },
            { title: '证书字母', dataIndex: 'letter' },
          ]}
        />
      </Card>
      <StudyRulesCard />
      <PassMarksCard />
    </>
  );
}
