import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { MANAGEABLE_ROLES, ROLE_LABELS } from '../../../shared/domain/roles';
import { api, download, toQuery, errorMessage } from '../../api/client';
import type { AccountRow, Jurisdiction, Page } from '../../api/types';
import { useMe } from '../../auth';
import { formatDateTime } from '../../format';
import { CreateAccountModal } from './CreateAccountModal';
import { DisableAccountModal } from './DisableAccountModal';
import { ListTable } from '../../components/ListTable';

const STATUS: Record<AccountRow['status'], { label: string; color: string }> = {
  active: { label: '正常', color: 'green' },
  disabled: { label: '已停用', color: 'default' },
  locked: { label: '已锁定', color: 'red' },
  password_pending: { label: '待修改初始密码', color: 'orange' },
};

type Filter = { keyword?: string; role?: string; status?: string; jurisdictionCode?: string };

export function AccountsPage() {
  const me = useMe().data!.account!;
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<Filter>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [disabling, setDisabling] = useState<AccountRow | null>(null);
  const manageable = MANAGEABLE_ROLES[me.role] ?? [];
  const query = toQuery({ ...filter, ...paging });
  const { data, isFetching } = useQuery({ queryKey: ['accounts', query], queryFn: () => api<Page<AccountRow>>('GET', `/api/accounts${query}`) });
  const { data: jurisdictions } = useQuery({ queryKey: ['jurisdictions'], queryFn: () => api<Jurisdiction[]>('GET', '/api/jurisdictions') });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['accounts'] });

  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      message.success(done);
      await refresh();
    } catch (err) {
      message.error(errorMessage(err, '操作失败'));
    }
  };

  const showPassword = (title: string, username: string | null, password: string) =>
    modal.success({
      title,
      content: (
        <div data-testid="issued-password">
          <p>账号：<Typography.Text copyable strong>{username ?? ''}</Typography.Text></p>
          <p>密码：<Typography.Text copyable strong code>{password}</Typography.Text></p>
          <Typography.Text type="warning">密码仅显示这一次，请立即交给使用人；首次登录须修改密码。</Typography.Text>
        </div>
      ),
      okText: '我已记录',
    });

  const resetPassword = (row: AccountRow) =>
    modal.confirm({
      title: `确认重置「${row.displayName}」的密码？`,
      content: '重置后该账号的所有登录会话立即失效，使用人须用新的临时密码登录并修改密码。',
      okText: '重置密码',
      cancelText: '取消',
      onOk: async () => {
        try {
          const { temporaryPassword } = await api<{ temporaryPassword: string }>('POST', `/api/accounts/${row.id}/reset-password`);
          showPassword('密码已重置', row.username, temporaryPassword);
          await refresh();
        } catch (err) {
          message.error(errorMessage(err, '操作失败'));
        }
      },
    });

  const resetTwoFactor = (row: AccountRow) =>
    modal.confirm({
      title: `确认重置「${row.displayName}」的双因素认证？`,
      content: '用于使用人更换或丢失手机。重置后原验证器和恢复码全部作废，该账号的登录会话立即失效；安全策略要求时，使用人下次登录须重新绑定验证器。',
      okText: '重置双因素',
      cancelText: '取消',
      onOk: () => run(() => api('POST', `/api/accounts/${row.id}/reset-two-factor`), '双因素认证已重置'),
    });

  return (
    <Card title="账号管理" extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新建账号</Button>}>
      <Form layout="inline" onFinish={(v: Filter) => { setFilter(v); setPaging((p) => ({ ...p, page: 1 })); }} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="keyword"><Input placeholder="账号 / 名称 / 信用代码" allowClear style={{ width: 200 }} /></Form.Item>
        <Form.Item name="role">
          <Select placeholder="角色" allowClear style={{ width: 150 }} options={manageable.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
        </Form.Item>
        <Form.Item name="status">
          <Select placeholder="状态" allowClear style={{ width: 150 }} options={Object.entries(STATUS).map(([value, s]) => ({ value, label: s.label }))} />
        </Form.Item>
        {me.role !== 'city' && (
          <Form.Item name="jurisdictionCode">
            <Select placeholder="所属地区" allowClear style={{ width: 160 }} options={jurisdictions?.map((j) => ({ value: j.code, label: j.name }))} />
          </Form.Item>
        )}
        <Space>
          <Button type="primary" htmlType="submit">查询</Button>
          <Button icon={<DownloadOutlined />} onClick={() => download(`/api/accounts/export${toQuery(filter)}`)}>导出Excel</Button>
        </Space>
      </Form>
      <ListTable<AccountRow>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.rows}
        scroll={{ x: 1000 }}
        locale={{ emptyText: '暂无账号，点击右上角「新建账号」发放账号' }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: data?.total,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        columns={[
          { title: '账号', dataIndex: 'username', width: 150, priority: 'id', render: (v) => v ?? '（身份证号登录）' },
          { title: '名称', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'roleLabel' },
          { title: '所属地区', dataIndex: 'jurisdictionName', render: (v) => v ?? '—' },
          { title: '统一社会信用代码', dataIndex: 'creditCode', render: (v) => v ?? '—' },
          { title: '状态', dataIndex: 'status', width: 80, priority: 'state', render: (s: AccountRow['status']) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag> },
          { title: '创建时间', dataIndex: 'createdAt', render: formatDateTime },
          { title: '最近登录', dataIndex: 'lastLoginAt', render: formatDateTime },
          {
            title: '操作',
            key: 'actions',
            priority: 'actions',
            render: (_, row) => (
              <Space size="small">
                {row.status === 'disabled' ? (
                  <Button size="small" type="link" onClick={() => run(() => api('POST', `/api/accounts/${row.id}/enable`), '账号已启用')}>启用</Button>
                ) : (
                  <Button size="small" type="link" danger onClick={() => setDisabling(row)}>停用</Button>
                )}
                {row.status === 'locked' && (
                  <Button size="small" type="link" onClick={() => run(() => api('POST', `/api/accounts/${row.id}/unlock`), '已解除锁定')}>解锁</Button>
                )}
                <Button size="small" type="link" onClick={() => resetPassword(row)}>重置密码</Button>
                {row.twoFactorEnrolled && (
                  <Button size="small" type="link" onClick={() => resetTwoFactor(row)}>重置双因素</Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <CreateAccountModal
        open={creating}
        jurisdictions={jurisdictions ?? []}
        onClose={() => setCreating(false)}
        onCreated={(username, password) => { setCreating(false); void refresh(); showPassword('账号已创建', username, password); }}
      />
      <DisableAccountModal account={disabling} onClose={() => setDisabling(null)} onDone={() => { setDisabling(null); void refresh(); }} />
    </Card>
  );
}
