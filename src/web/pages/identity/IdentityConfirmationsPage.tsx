import { Alert, App, Button, Card, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { useListQuery } from '../../api/use-list-query';
import { useAccount } from '../../auth';
import { ListTable } from '../../components/ListTable';
import { ReasonModal } from '../../components/ReasonModal';

type UnconfirmedAccount = {
  id: string;
  name: string;
  maskedIdNumber: string;
  maskedPhone: string | null;
  registeredAt: string;
  certificates: string;
};

/**
 * 账号身份确认 (enterprise, city): a holder registered an account with their ID
 * number; until someone who knows them confirms it, the account sees none of
 * their certificates. The city may also let go of an account that is not the holder.
 */
export function IdentityConfirmationsPage() {
  const { can } = useAccount();
  const { modal } = App.useApp();
  const [detaching, setDetaching] = useState<UnconfirmedAccount | null>(null);
  const list = useListQuery<UnconfirmedAccount>({
    url: '/api/identity-confirmations',
    queryKey: 'identity-confirmations',
    filters: {},
  });
  const confirming = useAction((a: UnconfirmedAccount) => api('POST', `/api/identity-confirmations/${a.id}/confirm`, {}), {
    success: '已确认账号身份',
    invalidates: [['identity-confirmations']],
  });
  const detachingAction = useAction(
    ({ a, reason }: { a: UnconfirmedAccount; reason: string }) =>
      api('POST', `/api/identity-confirmations/${a.id}/detach`, { reason }),
    {
      success: '已停用该账号，持证人可重新注册',
      invalidates: [['identity-confirmations']],
      onSuccess: () => setDetaching(null),
    },
  );
  return (
    <Card title="账号身份确认">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="持证人员自行注册账号后，须由所在企业或发证地主管部门核实本人身份（核对身份证原件或当面确认），账号才能查看其证书、继续教育等信息。"
      />
      <ListTable<UnconfirmedAccount>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.rows}
        pagination={list.pagination}
        scroll={{ x: 900 }}
        locale={{ emptyText: '暂无待确认身份的学员账号' }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 100, priority: 'id' },
          { title: '身份证号', dataIndex: 'maskedIdNumber', width: 190 },
          { title: '注册手机号', dataIndex: 'maskedPhone', width: 130, render: (v) => v ?? '—' },
          { title: '所持证书', dataIndex: 'certificates' },
          { title: '注册时间', dataIndex: 'registeredAt', width: 170 },
          {
            title: '操作',
            key: 'op',
            width: 170,
            priority: 'actions',
            render: (_, a) => (
              <Space size={0}>
                <Button
                  size="small"
                  type="link"
                  onClick={() =>
                    modal.confirm({
                      title: `确认该账号是 ${a.name} 本人？`,
                      content: '请先核对本人身份证原件或当面确认。确认后该账号可查看其全部证书。',
                      okText: '确认身份',
                      cancelText: '取消',
                      onOk: () => confirming.run(a),
                    })
                  }
                >
                  确认身份
                </Button>
                {can.detachIdentity && (
                  <Button size="small" type="link" danger onClick={() => setDetaching(a)}>
                    不是本人
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <ReasonModal
        open={!!detaching}
        title="解除账号与持证人的关联"
        okText="停用并解除"
        onCancel={() => setDetaching(null)}
        onSubmit={async (reason) => (detaching ? (await detachingAction.run({ a: detaching, reason })) !== undefined : false)}
      />
    </Card>
  );
}
