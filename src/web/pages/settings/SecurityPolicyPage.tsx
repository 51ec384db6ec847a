import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Form, InputNumber, Skeleton } from 'antd';
import { ROLE_LABELS, ROLES } from '../../../shared/domain/roles';
import type { SecurityPolicy } from '../../../shared/domain/security-policy';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { useAccount } from '../../auth';

const FIELDS: { name: Exclude<keyof SecurityPolicy, 'twoFactorRoles'>; label: string; min: number; max: number; unit: string }[] =
  [
    { name: 'minLength', label: '密码最小长度', min: 8, max: 32, unit: '位' },
    { name: 'minClasses', label: '密码至少包含的字符类别', min: 3, max: 4, unit: '类' },
    { name: 'maxFailedLogins', label: '连续登录失败锁定阈值', min: 3, max: 10, unit: '次' },
    { name: 'lockMinutes', label: '锁定时长', min: 5, max: 1440, unit: '分钟' },
    { name: 'idleMinutes', label: '空闲超时', min: 5, max: 30, unit: '分钟' },
    { name: 'absoluteHours', label: '会话最长时长', min: 1, max: 12, unit: '小时' },
  ];

/** 安全策略: the security administrator edits it; the system administrator reads it. */
export function SecurityPolicyPage() {
  const editable = useAccount().can.editSecurityPolicy;
  const { data } = useQuery({
    queryKey: ['security-policy'],
    queryFn: () => api<SecurityPolicy>('GET', '/api/settings/security-policy'),
  });
  const saving = useAction((values: SecurityPolicy) => api('PUT', '/api/settings/security-policy', values), {
    success: '安全策略已保存',
    invalidates: [['security-policy']],
  });
  if (!data) return <Skeleton active />;
  const onFinish = (values: SecurityPolicy) => saving.run(values);
  return (
    <Card title="安全策略" style={{ maxWidth: 640 }}>
      <Form layout="horizontal" labelCol={{ span: 10 }} initialValues={data} onFinish={onFinish} disabled={!editable}>
        {FIELDS.map((f) => (
          <Form.Item key={f.name} name={f.name} label={f.label} rules={[{ required: true, message: `请输入${f.label}` }]}>
            <InputNumber min={f.min} max={f.max} precision={0} suffix={f.unit} style={{ width: 160 }} />
          </Form.Item>
        ))}
        <Form.Item
          name="twoFactorRoles"
          label="须启用双因素认证的角色"
          extra="勾选的角色首次登录（修改初始密码后）必须绑定手机验证器，此后每次登录须输入动态验证码；未勾选的角色可自愿启用。"
        >
          <Checkbox.Group
            data-testid="two-factor-roles"
            style={{ display: 'grid', gridTemplateColumns: 'repeat(2, auto)', rowGap: 4 }}
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          />
        </Form.Item>
        {editable && (
          <Form.Item wrapperCol={{ offset: 10 }}>
            <Button type="primary" htmlType="submit" loading={saving.pending}>
              保存
            </Button>
          </Form.Item>
        )}
      </Form>
    </Card>
  );
}
