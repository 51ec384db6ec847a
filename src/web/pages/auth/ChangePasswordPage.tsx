import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { checkPassword } from '../../../shared/domain/password-policy';
import { api, ApiError, errorMessage } from '../../api/client';
import { ME_KEY, useMe } from '../../auth';

type Values = { currentPassword: string; newPassword: string; confirm: string };

export function ChangePasswordPage() {
  const { data } = useMe();
  const me = data!.account!;
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async ({ currentPassword, newPassword }: Values) => {
    setSubmitting(true);
    try {
      await api('POST', '/api/auth/change-password', { currentPassword, newPassword });
      message.success('密码已修改');
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      navigate('/', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.field) form.setFields([{ name: err.field as keyof Values, errors: [err.message] }]);
      else message.error(errorMessage(err, '网络异常，请稍后再试'));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Card title="修改密码" style={{ maxWidth: 520 }}>
      {me.mustChangePassword && (
        <Alert
          style={{ marginBottom: 16 }}
          type="warning"
          showIcon
          title="首次登录或密码已被重置，请先修改密码后再使用系统"
          data-testid="must-change"
        />
      )}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item name="currentPassword" label="原密码" rules={[{ required: true, message: '请输入原密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra="至少8位，包含大写字母、小写字母、数字、特殊符号中的至少3类"
          rules={[
            { required: true, message: '请输入新密码' },
            {
              validator: async (_, v: string) => {
                const p = v && checkPassword(v);
                if (p) throw new Error(p);
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: async (_, v) => {
                if (v && v !== getFieldValue('newPassword')) throw new Error('两次输入的密码不一致');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submitting}>
          确认修改
        </Button>
      </Form>
    </Card>
  );
}
