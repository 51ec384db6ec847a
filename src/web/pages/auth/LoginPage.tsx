import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../api/client';
import type { Me } from '../../api/types';
import { useMe, useSetMe } from '../../auth';
import { AuthCard } from './AuthCard';

export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const setMe = useSetMe();
  const { data } = useMe();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const next = params.get('next') ?? '/';

  if (data?.account) return <Navigate to={next.startsWith('/') ? next : '/'} replace />;

  const onFinish = async (values: { username: string; password: string }) => {
    setSubmitting(true);
    setError(null);
    try {
      const { account } = await api<{ account: Me }>('POST', '/api/auth/login', values);
      setMe(account);
      navigate(account.mustChangePassword ? '/change-password' : next.startsWith('/') ? next : '/', { replace: true });
    } catch (err) {
      setError(errorMessage(err, '网络异常，请稍后再试'));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthCard title="用户登录">
      {params.get('expired') && !error && <Alert style={{ marginBottom: 16 }} type="warning" showIcon title="登录已过期，请重新登录" />}
      {error && <Alert style={{ marginBottom: 16 }} type="error" showIcon title={error} data-testid="login-error" />}
      <Form layout="vertical" onFinish={onFinish} requiredMark={false} size="large">
        <Form.Item name="username" label="账号" rules={[{ required: true, message: '请输入账号、身份证号或手机号' }]}>
          <Input prefix={<UserOutlined />} placeholder="账号 / 身份证号 / 手机号" autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password prefix={<LockOutlined />} placeholder="密码" autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting}>登录</Button>
      </Form>
      <div style={{ marginTop: 16, display: 'flex', justifyContent: 'space-between' }}>
        <Link to="/register">学员注册</Link>
        <Typography.Text type="secondary">企业、机构账号由主管部门发放</Typography.Text>
      </div>
      <div style={{ marginTop: 12, textAlign: 'center' }}>
        <Link to="/registry">诚信平台人员库 · 证书查询</Link>
      </div>
    </AuthCard>
  );
}
