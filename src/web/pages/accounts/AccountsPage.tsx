import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ROLE_LABELS, type Role } from '../../../shared/domain/roles';
import { api } from '../../api/client';
import type { AccountRow, Jurisdiction, Page } from '../../api/types';
import { useAction } from '../../api/use-action';
import { useListQuery } from '../../api/use-list-query';
import { useAccount } from '../../auth';
import { ListTable } from '../../components/ListTable';
import { ReasonModal } from '../../components/ReasonModal';
import { formatDateTime } from '../../format';
import { CreateAccountModal } from './CreateAccountModal';

const STATUS: Record<AccountRow['status'], { label: string; color: string }> = {
  active: { label: '正常', color: 'green' },
  disabled: { label: '已停用', color: 'default' },
  locked: { label: '已锁定', color: 'red' },
  password_pending: { label: '待修改初始密码', color: 'orange' },
};

type Filter = { keyword?: string; role?: string; status?: string; jurisdictionCode?: string };

export function AccountsPage() {
  const { scope } = useAccount();
  const { modal } = App.useApp();
  const [form] = Form.useForm<Filter>();
  const list = useListQuery<AccountRow, 'role' | 'status' | 'jurisdictionCode'>({
    url: '/api/accounts',
    queryKey: 'accounts',
    paged: true,
    filters: { role: '', status: '', jurisdictionCode: '' },
  });
  const answer = list.answer as (Page<AccountRow> & { manageableRoles: Role[]; issuableRoles: Role[] }) | undefined;
  const [creating, setCreating] = useState(false);
  const [disabling, setDisabling] = useState<AccountRow | null>(null);
  const { data: jurisdictions } = useQuery({
    queryKey: ['jurisdictions'],
    queryFn: () => api<Jurisdiction[]>('GET', '/api/jurisdictions'),
  });
  const ACCOUNTS = [['accounts']];

  const showPassword = (title: string, username: string | null, password: string) =>
    modal.success({
      title,
      content: (
        <div data-testid="issued-password">
          <p>
            账号：
            <Typography.Text copyable strong>
              {username ?? ''}
            </Typography.Text>
          </p>
          <p>
            密码：
            <Typography.Text copyable strong code>
              {password}
            </Typography.Text>
          </p>
          <Typography.Text type="warning">密码仅显示这一次，请立即交给使用人；首次登录须修改密码。</Typography.Text>
        </div>
      ),
      okText: '我已记录',
    });

  const enabling = useAction((row: AccountRow) => api('POST', `/api/accounts/${row.id}/enable`), {
    success: '账号已启用',
    invalidates: ACCOUNTS,
  });
  const unlocking = useAction((row: AccountRow) => api('POST', `/api/accounts/${row.id}/unlock`), {
    success: '已解除锁定',
    invalidates: ACCOUNTS,
  });
  const disablingAction = useAction(
    ({ row, reason }: { row: AccountRow; reason: string }) => api('POST', `/api/accounts/${row.id}/disable`, { reason }),
    {
      success: '账号已停用，其登录会话已全部失效',
      invalidates: ACCOUNTS,
      onSuccess: () => setDisabling(null),
    },
  );
  const resettingPassword = useAction(
    (row: AccountRow) => api<{ temporaryPassword: string }>('POST', `/api/accounts/${row.id}/reset-password`),
    {
      invalidates: ACCOUNTS,
      onSuccess: (r, row) => {
        showPassword('密码已重置', row.username, r.temporaryPassword);
      },
    },
  );
  const resettingTwoFactor = useAction((row: AccountRow) => api('POST', `/api/accounts/${row.id}/reset-two-factor`), {
    success: '双因素认证已重置',
    invalidates: ACCOUNTS,
  });

  const resetPassword = (row: AccountRow) =>
    modal.confirm({
      title: `确认重置「${row.displayName}」的密码？`,
      content: '重置后该账号的所有登录会话立即失效，使用人须用新的临时密码登录并修改密码。',
      okText: '重置密码',
      cancelText: '取消',
      onOk: () => resettingPassword.run(row),
    });

  const resetTwoFactor = (row: AccountRow) =>
    modal.confirm({
      title: `确认重置「${row.displayName}」的双因素认证？`,
      content:
        '用于使用人更换或丢失手机。重置后原验证器和恢复码全部作废，该账号的登录会话立即失效；安全策略要求时，使用人下次登录须重新绑定验证器。',
      okText: '重置双因素',
      cancelText: '取消',
      onOk: () => resettingTwoFactor.run(row),
    });

  return (
    <Card
      title="账号管理"
      extra={
        (answer?.issuableRoles.length ?? 0) > 0 && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建账号
          </Button>
        )
      }
    >
      <Form
        form={form}
        layout="inline"
        initialValues={{
          role: list.filter.role || undefined,
          status: list.filter.status || undefined,
          jurisdictionCode: list.filter.jurisdictionCode || undefined,
        }}
        onFinish={(v: Filter) =>
          list.setFilter({
            keyword: v.keyword ?? '',
            role: v.role ?? '',
            status: v.status ?? '',
            jurisdictionCode: v.jurisdictionCode ?? '',
          })
        }
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="keyword">
          <Input placeholder="账号 / 名称 / 信用代码" allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="role">
          <Select
            placeholder="角色"
            allowClear
            style={{ width: 150 }}
            options={(answer?.manageableRoles ?? []).map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          />
        </Form.Item>
        <Form.Item name="status">
          <Select
            placeholder="状态"
            allowClear
            style={{ width: 150 }}
            options={Object.entries(STATUS).map(([value, s]) => ({ value, label: s.label }))}
          />
        </Form.Item>
        {scope === 'province' && (
          <Form.Item name="jurisdictionCode">
            <Select
              placeholder="所属地区"
              allowClear
              style={{ width: 160 }}
              options={jurisdictions?.map((j) => ({ value: j.code, label: j.name }))}
            />
          </Form.Item>
        )}
        <Space>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => list.exportTo('/api/accounts/export')}>
            导出Excel
          </Button>
        </Space>
      </Form>
      <ListTable<AccountRow>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.rows}
        scroll={{ x: 1000 }}
        locale={{ emptyText: '暂无账号，点击右上角「新建账号」发放账号' }}
        pagination={list.pagination}
        columns={[
          { title: '账号', dataIndex: 'username', width: 150, priority: 'id', render: (v) => v ?? '（身份证号登录）' },
          { title: '名称', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'roleLabel' },
          { title: '所属地区', dataIndex: 'jurisdictionName', render: (v) => v ?? '—' },
          { title: '统一社会信用代码', dataIndex: 'creditCode', render: (v) => v ?? '—' },
          {
            title: '状态',
            dataIndex: 'status',
            width: 80,
            priority: 'state',
            render: (s: AccountRow['status']) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag>,
          },
          { title: '创建时间', dataIndex: 'createdAt', render: formatDateTime },
          { title: '最近登录', dataIndex: 'lastLoginAt', render: formatDateTime },
          {
            title: '操作',
            key: 'actions',
            // Wide enough for 停用 · 解锁 · 重置密码 · 重置双因素 side by side: actions are never clipped.
            width: 250,
            priority: 'actions',
            render: (_, row) => (
              <Space size="small">
                {row.policies.enable && (
                  <Button size="small" type="link" onClick={() => enabling.run(row)}>
                    启用
                  </Button>
                )}
                {row.policies.disable && (
                  <Button size="small" type="link" danger onClick={() => setDisabling(row)}>
                    停用
                  </Button>
                )}
                {row.policies.unlock && (
                  <Button size="small" type="link" onClick={() => unlocking.run(row)}>
                    解锁
                  </Button>
                )}
                {row.policies.resetPassword && (
                  <Button size="small" type="link" onClick={() => resetPassword(row)}>
                    重置密码
                  </Button>
                )}
                {row.policies.resetTwoFactor && (
                  <Button size="small" type="link" onClick={() => resetTwoFactor(row)}>
                    重置双因素
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <CreateAccountModal
        open={creating}
        jurisdictions={jurisdictions ?? []}
        issuableRoles={answer?.issuableRoles ?? []}
        onClose={() => setCreating(false)}
        onCreated={(username, password) => {
          setCreating(false);
          showPassword('账号已创建', username, password);
        }}
      />
      <ReasonModal
        open={!!disabling}
        title={`停用账号「${disabling?.displayName ?? ''}」`}
        okText="确认停用"
        label="停用原因"
        content={<p>停用后该账号立即退出登录且无法再登录，可随时重新启用。</p>}
        onCancel={() => setDisabling(null)}
        onSubmit={async (reason) => (disabling ? (await disablingAction.run({ row: disabling, reason })) !== undefined : false)}
      />
    </Card>
  );
}
