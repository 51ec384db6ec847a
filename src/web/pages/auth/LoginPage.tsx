import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError, errorMessage } from '../../api/client';
import type { Me } from '../../api/types';
import { useMe, useSetMe } from '../../auth';
import { AuthCard } from './AuthCard';

type LoginAnswer = { account: Me | null; codeRequired?: boolean; pendingToken?: string };

/** Where a fresh sign-in goes: the forced password change first, then the forced enrolment, then where it was going. */
export function afterSignIn(account: Me, next: string): string {
  if (account.mustChangePassword) return '/change-password';
  if (account.mustEnrolTwoFactor) return '/two-factor';
  return next.startsWith('/') ? next : '/';
}

export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const setMe = useSetMe();
  const { data } = useMe();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // Set once the password was accepted for an account with a second factor: the server holds the login until the code.
  const [pendingToken, setPendingToken] = useState<string | null>(null);
  const [useRecovery, setUseRecovery] = useState(false);
  const next = params.get('next') ?? '/';

  if (data?.account) return <Navigate to={next.startsWith('/') ? next : '/'} replace />;

  const signedIn = (account: Me) => {
    setMe(account);
    navigate(afterSignIn(account, next), { replace: true });
  };

  const onPassword = async (values: { username: string; password: string }) => {
    setSubmitting(true);
    setError(null);
    try {
      const answer = await api<LoginAnswer>('POST', '/api/auth/login', values);
      if (answer.codeRequired && answer.pendingToken) setPendingToken(answer.pendingToken);
      else if (answer.account) signedIn(answer.account);
    } catch (err) {
      setError(errorMessage(err, '网络异常，请稍后再试'));
    } finally {
      setSubmitting(false);
    }
  };

  const onCode = async (values: { code: string }) => {
    setSubmitting(true);
    setError(null);
    try {
      const { account } = await api<{ account: Me }>('POST', '/api/auth/login/code', { pendingToken, code: values.code });
      signedIn(account);
    } catch (err) {
      // A lock or an expired wait ends this attempt: back to the password.
      if (err instanceof ApiError && (err.code === 'ACCOUNT_LOCKED' || (err.code === 'UNAUTHENTICATED' && !err.field)))
        setPendingToken(null);
      setError(errorMessage(err, '网络异常，请稍后再试'));
    } finally {
      setSubmitting(false);
    }
  };

  if (pendingToken) {
    return (
      <AuthCard title="双因素认证">
        {error && <Alert style={{ marginBottom: 16 }} type="error" showIcon title={error} data-testid="login-error" />}
        <Typography.Paragraph type="secondary" data-testid="code-prompt">
          {useRecovery
            ? '请输入绑定验证器时保存的一个恢复码，每个恢复码只能使用一次。'
            : '密码正确。请打开手机上的验证器应用，输入「安管通」显示的6位动态验证码。'}
        </Typography.Paragraph>
        <Form key={useRecovery ? 'recovery' : 'totp'} layout="vertical" onFinish={onCode} requiredMark={false} size="large">
          <Form.Item
            name="code"
            label={useRecovery ? '恢复码' : '动态验证码'}
            rules={[
              { required: true, message: useRecovery ? '请输入恢复码' : '请输入6位动态验证码' },
              ...(useRecovery ? [] : [{ pattern: /^\s*\d{6}\s*$/, message: '动态验证码为6位数字' }]),
            ]}
          >
            <Input
              prefix={<SafetyOutlined />}
              autoFocus
              autoComplete="one-time-code"
              inputMode={useRecovery ? 'text' : 'numeric'}
              maxLength={useRecovery ? 16 : 6}
              placeholder={useRecovery ? 'XXXXX-XXXXX' : '6位数字'}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting}>
            验证并登录
          </Button>
        </Form>
        <div style={{ marginTop: 16, display: 'flex', justifyContent: 'space-between' }}>
          <Typography.Link
            onClick={() => {
              setUseRecovery(!useRecovery);
              setError(null);
            }}
          >
            {useRecovery ? '使用动态验证码' : '手机不在身边？使用恢复码'}
          </Typography.Link>
          <Typography.Link
            onClick={() => {
              setPendingToken(null);
              setUseRecovery(false);
              setError(null);
            }}
          >
            返回重新登录
          </Typography.Link>
        </div>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
          手机丢失且恢复码用完时，请联系发放账号的主管部门重置双因素认证。
        </Typography.Paragraph>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="用户登录">
      {params.get('expired') && !error && (
        <Alert style={{ marginBottom: 16 }} type="warning" showIcon title="登录已过期，请重新登录" />
      )}
      {error && <Alert style={{ marginBottom: 16 }} type="error" showIcon title={error} data-testid="login-error" />}
      <Form layout="vertical" onFinish={onPassword} requiredMark={false} size="large">
        <Form.Item name="username" label="账号" rules={[{ required: true, message: '请输入账号、身份证号或手机号' }]}>
          <Input prefix={<UserOutlined />} placeholder="账号 / 身份证号 / 手机号" autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password prefix={<LockOutlined />} placeholder="密码" autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting}>
          登录
        </Button>
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
