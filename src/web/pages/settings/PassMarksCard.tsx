import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Form, InputNumber } from 'antd';
import type { PassMarks } from '../../../shared/domain/pass-rules';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';

/** 合格分数线: 三类 one paper; 特种 theory, then practical for those who passed theory. */
export function PassMarksCard() {
  const { modal } = App.useApp();
  const { data } = useQuery({ queryKey: ['pass-marks'], queryFn: () => api<PassMarks>('GET', '/api/settings/pass-marks') });
  const saving = useAction((v: PassMarks) => api('PUT', '/api/settings/pass-marks', v), {
    success: '合格分数线已保存',
    invalidates: [['pass-marks']],
  });
  if (!data) return <Card loading title="合格分数线" />;
  const save = (v: PassMarks) =>
    modal.confirm({
      title: '修改合格分数线？',
      content: '修改后所有成绩的合格判定立即按新分数线计算（已发的证书不受影响）。',
      okText: '保存',
      cancelText: '取消',
      onOk: () => saving.run(v),
    });
  const rule = [{ required: true, message: '请填写分数' }];
  return (
    <Card title="合格分数线（满分100分）" style={{ marginTop: 16 }}>
      <Form<PassMarks> initialValues={data} onFinish={save} layout="inline" style={{ rowGap: 12 }}>
        <Form.Item name="safety" label="三类人员" rules={rule}>
          <InputNumber min={1} max={100} precision={0} suffix="分" />
        </Form.Item>
        <Form.Item name="theory" label="特种作业理论" rules={rule}>
          <InputNumber min={1} max={100} precision={0} suffix="分" />
        </Form.Item>
        <Form.Item name="practical" label="特种作业实操" rules={rule}>
          <InputNumber min={1} max={100} precision={0} suffix="分" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          保存分数线
        </Button>
      </Form>
    </Card>
  );
}
