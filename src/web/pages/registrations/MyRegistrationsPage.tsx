import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Drawer, Empty, Form, Input, List, Modal, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { RegistrationView } from '../../api/types';
import { useAction } from '../../api/use-action';
import { ActionButton } from '../../components/ActionButton';
import { EnterpriseSelect } from '../../components/EnterpriseSelect';
import { RegistrationDetail, StatusTag } from '../../components/RegistrationDetail';
import { formatDateTime } from '../../format';

/** 我的报名: each registration with what can be done next. */
export function MyRegistrationsPage() {
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const [viewing, setViewing] = useState<RegistrationView | null>(null);
  const [changing, setChanging] = useState<RegistrationView | null>(null);
  const [changeForm] = Form.useForm<{ toEnterpriseId: string; reason: string }>();
  const { data, isLoading } = useQuery({
    queryKey: ['my-registrations'],
    queryFn: () => api<RegistrationView[]>('GET', '/api/registrations/mine'),
  });
  const withdrawing = useAction((r: RegistrationView) => api('POST', `/api/registrations/${r.id}/withdraw`), {
    success: '已撤回，可以修改',
    invalidates: [['my-registrations']],
  });
  const changingEmployer = useAction(
    ({ id, ...v }: { id: string; toEnterpriseId: string; reason: string }, request) =>
      api('POST', `/api/registrations/${id}/employer-change`, v, request),
    {
      idempotent: true,
      success: '单位变更申请已提交，等待主管部门审核',
      invalidates: [['my-registrations']],
      onSuccess: () => {
        setChanging(null);
        changeForm.resetFields();
      },
    },
  );

  const withdraw = (r: RegistrationView) =>
    modal.confirm({
      title: '撤回修改？',
      content: '撤回后报名回到草稿状态，修改后须重新提交；三类人员须由工作单位重新确认。',
      okText: '撤回',
      cancelText: '取消',
      onOk: () => withdrawing.run(r),
    });

  const requestChange = async () => {
    const v = await changeForm.validateFields().catch(() => null);
    if (v && changing) await changingEmployer.run({ id: changing.id, ...v });
  };

  if (isLoading) return <Skeleton active />;
  return (
    <Card
      title="在线报名"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/registrations/new')}>
          新建报名
        </Button>
      }
    >
      {!data?.length ? (
        <Empty description="您还没有报名">
          <Button type="primary" onClick={() => navigate('/registrations/new')}>
            立即报名
          </Button>
        </Empty>
      ) : (
        <List
          itemLayout="vertical"
          dataSource={data}
          renderItem={(r) => (
            <List.Item
              data-testid="my-registration"
              actions={[
                <Button key="v" type="link" onClick={() => setViewing(r)}>
                  查看
                </Button>,
                ...[
                  <ActionButton
                    key="e"
                    policy={r.policies.edit}
                    type="link"
                    onClick={() => navigate(`/registrations/${r.id}/edit`)}
                  >
                    修改并提交
                  </ActionButton>,
                  <ActionButton key="w" policy={r.policies.withdraw} type="link" onClick={() => withdraw(r)}>
                    撤回修改
                  </ActionButton>,
                  <ActionButton key="c" policy={r.policies.requestEmployerChange} type="link" onClick={() => setChanging(r)}>
                    单位变更申请
                  </ActionButton>,
                ].filter((b) => b.props.policy),
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    {r.categoryLabel}
                    <StatusTag r={r} />
                  </Space>
                }
                description={
                  <Space direction="vertical" size={2}>
                    <span>
                      报往地区：{r.jurisdictionName}，工作单位：{r.enterpriseName ?? '—'}
                    </span>
                    {r.submittedAt && <span>提交时间：{formatDateTime(r.submittedAt)}</span>}
                    {r.status === 'returned' && <Typography.Text type="danger">退回原因：{r.returnReason}</Typography.Text>}
                    {r.status === 'approved' && (
                      <Typography.Text type="success">已审核通过，报名信息已锁定不可修改</Typography.Text>
                    )}
                    {r.pendingEmployerChange && (
                      <Typography.Text type="warning">
                        单位变更申请审核中：{r.pendingEmployerChange.toEnterpriseName}
                      </Typography.Text>
                    )}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
      <Drawer open={!!viewing} onClose={() => setViewing(null)} title="报名详情" size={Math.min(900, window.innerWidth)}>
        {viewing && (
          <>
            {viewing.status === 'approved' && (
              <Alert
                style={{ marginBottom: 16 }}
                type="info"
                showIcon
                title="审核通过后报名信息不可修改；工作单位有误请提交单位变更申请。"
              />
            )}
            <RegistrationDetail r={viewing} />
          </>
        )}
      </Drawer>
      <Modal
        open={!!changing}
        title="单位变更申请"
        okText="提交申请"
        cancelText="取消"
        onOk={requestChange}
        confirmLoading={changingEmployer.pending}
        onCancel={() => setChanging(null)}
        destroyOnHidden
      >
        <p>现单位：{changing?.enterpriseName ?? '—'}</p>
        <Form form={changeForm} layout="vertical">
          <Form.Item name="toEnterpriseId" label="新工作单位" rules={[{ required: true, message: '请选择新的工作单位' }]}>
            <EnterpriseSelect />
          </Form.Item>
          <Form.Item name="reason" label="变更原因" rules={[{ required: true, message: '请填写变更原因' }]}>
            <Input.TextArea rows={3} maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
