import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Table } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { useMe } from '../../auth';
import { ReasonModal } from '../../components/ReasonModal';

type UnconfirmedAccount = { id: string; name: string; maskedIdNumber: string; maskedPhone: string | null; registeredAt: string; certificates: string };

/**
 * 账号身份确认 (enterprise, city): a holder registered an account with their ID
 * number; until someone who knows them confirms it, the account sees none of
 * their certificates. The city may also let go of an account that is not the holder.
 */
export function IdentityConfirmationsPage() {
  const role = useMe().data!.account!.role;
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [detaching, setDetaching] = useState<UnconfirmedAccount | null>(null);
  const { data, isFetching } = useQuery({ queryKey: ['identity-confirmations'], queryFn: () => api<{ rows: UnconfirmedAccount[] }>('GET', '/api/identity-confirmations') });
  const act = async (path: string, body: unknown, done: string) => {
    try {
      await api('POST', path, body);
      message.success(done);
      await queryClient.invalidateQueries({ queryKey: ['identity-confirmations'] });
      return true;
    } catch (err) {
      message.error(errorMessage(err));
      return false;
    }
  };
  return (
    <Card title="账号身份确认">
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title="持证人员自行注册账号后，须由所在企业或发证地主管部门核实本人身份（核对身份证原件或当面确认），账号才能查看其证书、继续教育等信息。" />
      <Table<UnconfirmedAccount> rowKey="id" loading={isFetching} dataSource={data?.rows} pagination={{ pageSize: 20 }} scroll={{ x: 900 }}
        locale={{ emptyText: '暂无待确认身份的学员账号' }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 100 },
          { title: '身份证号', dataIndex: 'maskedIdNumber', width: 190 },
          { title: '注册手机号', dataIndex: 'maskedPhone', width: 130, render: (v) => v ?? '—' },
          { title: '所持证书', dataIndex: 'certificates' },
          { title: '注册时间', dataIndex: 'registeredAt', width: 170 },
          {
            title: '操作', key: 'op', fixed: 'right', width: 170, render: (_, a) => (
              <Space size={0}>
                <Button size="small" type="link" onClick={() => modal.confirm({
                  title: `确认该账号是 ${a.name} 本人？`, content: '请先核对本人身份证原件或当面确认。确认后该账号可查看其全部证书。', okText: '确认身份', cancelText: '取消',
                  onOk: () => act(`/api/identity-confirmations/${a.id}/confirm`, {}, '已确认账号身份'),
                })}>确认身份</Button>
                {role === 'city' && <Button size="small" type="link" danger onClick={() => setDetaching(a)}>不是本人</Button>}
              </Space>
            ),
          },
        ]} />
      <ReasonModal open={!!detaching} title="解除账号与持证人的关联" okText="停用并解除" onCancel={() => setDetaching(null)}
        onSubmit={async (reason) => {
          const done = await act(`/api/identity-confirmations/${detaching!.id}/detach`, { reason }, '已停用该账号，持证人可重新注册');
          if (done) setDetaching(null);
          return done;
        }} />
    </Card>
  );
}
