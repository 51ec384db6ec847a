import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, InputNumber, Table } from 'antd';
import { CATEGORY_CODES, categoryLabel } from '../../../shared/domain/categories';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';

type Rules = { requiredHours: Record<string, number>; dailyCapHours: number; continuingHours: number };

/** 学时设置: required 学时 per category or work type (1 学时 = 45 分钟) and the daily cap. */
export function StudyRulesCard() {
  const { data } = useQuery({ queryKey: ['study-rules'], queryFn: () => api<Rules>('GET', '/api/settings/study-rules') });
  const saving = useAction((v: Rules) => api('PUT', '/api/settings/study-rules', v), {
    success: '学时设置已保存',
    invalidates: [['study-rules']],
  });
  if (!data) return <Card loading title="学时设置" />;
  const save = (v: Rules) => saving.run(v);
  return (
    <Card title="学时设置（1 学时 = 45 分钟）" style={{ marginTop: 16 }}>
      <Form<Rules> initialValues={data} onFinish={save}>
        <Form.Item name="dailyCapHours" label="每日学时上限" rules={[{ required: true, message: '请填写每日学时上限' }]}>
          <InputNumber min={1} max={12} precision={0} suffix="学时" />
        </Form.Item>
        <Form.Item
          name="continuingHours"
          label="延期所需继续教育学时（每个有效期）"
          rules={[{ required: true, message: '请填写继续教育学时' }]}
        >
          <InputNumber min={1} max={200} precision={0} suffix="学时" />
        </Form.Item>
        <Table
          size="small"
          pagination={false}
          rowKey="code"
          // Category order, not key order: JavaScript sorts '10', '11', '99' before '01'.
          dataSource={CATEGORY_CODES.filter((c) => c in data.requiredHours).map((code) => ({ code }))}
          columns={[
            { title: '类别/工种', dataIndex: 'code', render: (c: string) => categoryLabel(c) },
            {
              title: '要求学时',
              dataIndex: 'code',
              render: (c: string) => (
                <Form.Item name={['requiredHours', c]} noStyle rules={[{ required: true, message: '请填写' }]}>
                  <InputNumber min={1} max={200} precision={0} />
                </Form.Item>
              ),
            },
          ]}
        />
        <Button type="primary" htmlType="submit" loading={saving.pending} style={{ marginTop: 16 }}>
          保存学时设置
        </Button>
      </Form>
    </Card>
  );
}
