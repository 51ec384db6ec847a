import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Result, Skeleton, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { TwoFactorStatus } from '../../../server/modules/auth/enrol-two-factor';
import { api, ApiError, errorMessage } from '../../api/client';
import { ME_KEY, useMe } from '../../auth';

type Enrolment = { secret: string; otpauthUri: string; qrDataUrl: string };

/** The secret in groups of four, as authenticator apps ask for it when typed by hand. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/**
 * 双因素认证: bind an authenticator app (scan the QR code or type the key),
 * prove it with the first code, then see the recovery codes — once.
 */
export function TwoFactorPage() {
  const me = useMe().data!.account!;
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ code: string }>();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const { data: status } = useQuery({
    queryKey: ['two-factor'],
    queryFn: () => api<TwoFactorStatus>('GET', '/api/auth/two-factor'),
  });

  const start = async () => {
    setBusy(true);
    try {
      setEnrolment(await api<Enrolment>('POST', '/api/auth/two-factor/enrolment'));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async ({ code }: { code: string }) => {
    setBusy(true);
    try {
      const answer = await api<{ recoveryCodes: string[] }>('POST', '/api/auth/two-factor/enrolment/confirm', { code });
      setRecoveryCodes(answer.recoveryCodes);
      await queryClient.invalidateQueries({ queryKey: ['two-factor'] });
    } catch (err) {
      if (err instanceof ApiError && err.field === 'code') form.setFields([{ name: 'code', errors: [err.message] }]);
      else message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const finish = async () => {
    // The restriction ends with the enrolment: the shell reads it from "me".
    await queryClient.invalidateQueries({ queryKey: ME_KEY });
    navigate('/', { replace: true });
  };

  if (!status) return <Skeleton active />;

  if (recoveryCodes) {
    return (
      <Card title="双因素认证" style={{ maxWidth: 640 }}>
        <Result
          status="success"
          title="验证器已绑定"
          subTitle="以后登录时，输入密码后还需输入验证器显示的6位动态验证码。"
          style={{ padding: '8px 0 16px' }}
        />
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="请立即抄写或打印下面的恢复码并妥善保管"
          description="恢复码只显示这一次。手机丢失或不在身边时，可用一个恢复码代替动态验证码登录，每个恢复码只能使用一次。"
        />
        <div
          data-testid="recovery-codes"
          style={{
            display: 'grid',
            gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
            gap: 8,
            marginBottom: 16,
            fontFamily: 'monospace',
            fontSize: 16,
          }}
        >
          {recoveryCodes.map((c) => (
            <Typography.Text key={c} code>
              {c}
            </Typography.Text>
          ))}
        </div>
        <Space>
          <Typography.Text copyable={{ text: recoveryCodes.join('\n'), tooltips: ['复制全部恢复码', '已复制'] }}>
            复制全部
          </Typography.Text>
          <Button type="primary" onClick={finish}>
            我已保存恢复码，进入系统
          </Button>
        </Space>
      </Card>
    );
  }

  if (status.enrolled) {
    return (
      <Card title="双因素认证" style={{ maxWidth: 640 }}>
        <Result
          status="success"
          title="已启用双因素认证"
          subTitle={`剩余可用恢复码 ${status.recoveryCodesLeft} 个。更换或丢失手机时，请联系发放账号的主管部门重置。`}
        />
      </Card>
    );
  }

  return (
    <Card title="双因素认证" style={{ maxWidth: 640 }}>
      {me.mustEnrolTwoFactor ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="must-enrol"
          title="安全策略要求您的账号启用双因素认证，绑定验证器后才能使用系统"
        />
      ) : (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="启用后，登录时除密码外还需输入手机验证器显示的动态验证码，账号更安全。"
        />
      )}
      <Steps
        size="small"
        current={enrolment ? 1 : 0}
        style={{ marginBottom: 24 }}
        items={[{ title: '安装验证器' }, { title: '扫码并输入验证码' }, { title: '保存恢复码' }]}
      />
      {!enrolment ? (
        <>
          <Typography.Paragraph>
            请先在手机上安装任一支持 TOTP 标准的验证器应用，例如“腾讯身份验证器”、“Microsoft Authenticator”、“Google
            Authenticator”或 FreeOTP。
          </Typography.Paragraph>
          <Button type="primary" loading={busy} onClick={start}>
            已安装，生成二维码
          </Button>
        </>
      ) : (
        <>
          <Typography.Paragraph>
            用验证器应用扫描下面的二维码；无法扫码时，在应用中选择“手动输入密钥”，输入下面的密钥（基于时间）。
          </Typography.Paragraph>
          <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap', alignItems: 'center', marginBottom: 16 }}>
            <img
              src={enrolment.qrDataUrl}
              alt="验证器绑定二维码"
              width={200}
              height={200}
              data-testid="totp-qr"
              style={{ border: '1px solid #f0f0f0' }}
            />
            <div>
              <Typography.Text type="secondary">密钥</Typography.Text>
              <div>
                <Typography.Text
                  code
                  copyable={{ text: enrolment.secret }}
                  style={{ fontSize: 16 }}
                  data-testid="totp-secret"
                  data-secret={enrolment.secret}
                >
                  {grouped(enrolment.secret)}
                </Typography.Text>
              </div>
              <Typography.Text type="secondary">
                账号：{me.username ?? me.displayName}
                {'\u3000'}发行方：安管通
              </Typography.Text>
            </div>
          </div>
          <Form form={form} layout="inline" onFinish={confirm} requiredMark={false}>
            <Form.Item
              name="code"
              label="6位验证码"
              rules={[
                { required: true, message: '请输入验证器显示的6位数字' },
                { pattern: /^\s*\d{6}\s*$/, message: '验证码为6位数字' },
              ]}
            >
              <Input
                autoComplete="one-time-code"
                inputMode="numeric"
                maxLength={6}
                style={{ width: 140 }}
                placeholder="6位数字"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              验证并启用
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}
