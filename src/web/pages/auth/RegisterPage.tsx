import { Alert, Button, Descriptions, Form, Input, Result } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { parseIdNumber } from '../../../shared/domain/id-number';
import { checkPassword } from '../../../shared/domain/password-policy';
import { api, ApiError, errorMessage } from '../../api/client';
import { AuthCard } from './AuthCard';

type Values = { name: string; idNumber: string; phone: string; password: string; confirm: string };

/** 学员注册: the same ID-number and password rules as the server, checked while typing. */
export function RegisterPage() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const idNumber = Form.useWatch('idNumber', form) ?? '';
  const parsed = idNumber.length === 18 ? parseIdNumber(idNumber) : null;

  const onFinish = async ({ confirm: _confirm, ...values }: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      await api('POST', '/api/auth/register', values);
      setDone(true);
    } catch (err) {
      if (err instanceof ApiError && err.field) form.setFields([{ name: err.field as keyof Values, errors: [err.message] }]);
      setError(errorMessage(err, '网络异常，请稍后再试'));
    } finally {
      setSubmitting(false);
    }
  };

  if (done) {
    return (
      <AuthCard title="学员注册">
        <Result
          status="success"
          title="注册成功"
          subTitle="请使用身份证号或手机号登录，然后进行在线报名。"
          extra={
            <Button type="primary" onClick={() => navigate('/login')}>
              去登录
            </Button>
          }
        />
      </AuthCard>
    );
  }

  return (
    <AuthCard title="学员注册">
      {error && <Alert style={{ marginBottom: 16 }} type="error" showIcon title={error} />}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请输入姓名' }]}>
          <Input maxLength={30} autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label="身份证号"
          normalize={(v: string) => v.toUpperCase().trim()}
          rules={[
            { required: true, message: '请输入身份证号' },
            {
              validator: async (_, v: string) => {
                if (v) {
                  const r = parseIdNumber(v);
                  if (!r.ok) throw new Error(r.message);
                }
              },
            },
          ]}
        >
          <Input maxLength={18} inputMode="text" />
        </Form.Item>
        {parsed?.ok && (
          <Descriptions size="small" column={2} style={{ marginTop: -8, marginBottom: 16 }}>
            <Descriptions.Item label="出生日期">{parsed.value.birthDate}</Descriptions.Item>
            <Descriptions.Item label="性别">{parsed.value.gender === 'male' ? '男' : '女'}</Descriptions.Item>
          </Descriptions>
        )}
        <Form.Item
          name="phone"
          label="手机号"
          rules={[
            { required: true, message: '请输入手机号' },
            { pattern: /^1[3-9]\d{9}$/, message: '请输入11位手机号' },
          ]}
        >
          <Input maxLength={11} inputMode="tel" autoComplete="tel" />
        </Form.Item>
        <Form.Item
          name="password"
          label="密码"
          extra="至少8位，包含大写字母、小写字母、数字、特殊符号中的至少3类"
          rules={[
            { required: true, message: '请输入密码' },
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
          label="确认密码"
          dependencies={['password']}
          rules={[
            { required: true, message: '请再次输入密码' },
            ({ getFieldValue }) => ({
              validator: async (_, v) => {
                if (v && v !== getFieldValue('password')) throw new Error('两次输入的密码不一致');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting}>
          注册
        </Button>
      </Form>
      <div style={{ marginTop: 16 }}>
        已有账号？<Link to="/login">去登录</Link>
      </div>
    </AuthCard>
  );
}
