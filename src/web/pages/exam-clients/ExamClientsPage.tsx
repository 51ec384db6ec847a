import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Policies } from '../../../shared/policies';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { useListQuery } from '../../api/use-list-query';
import { ListTable } from '../../components/ListTable';
import { formatDateTime } from '../../format';

type ExamClient = {
  id: string;
  name: string;
  keyId: string;
  createdAt: string;
  revokedAt: string | null;
  policies: Policies<'revoke'>;
};

/** 考试管理端 API credentials of this jurisdiction: issue (secret shown once) and revoke. */
export function ExamClientsPage() {
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const [open, setOpen] = useState(false);
  const list = useListQuery<ExamClient>({ url: '/api/exam-clients', queryKey: 'exam-clients', filters: {} });

  const issuing = useAction(
    (values: { name: string }) => api<{ keyId: string; secret: string }>('POST', '/api/exam-clients', values),
    {
      invalidates: [['exam-clients']],
      onSuccess: (r) => {
        setOpen(false);
        form.resetFields();
        modal.success({
          title: '凭证已签发',
          width: 560,
          content: (
            <div>
              <p>
                Key ID：
                <Typography.Text copyable code>
                  {r.keyId}
                </Typography.Text>
              </p>
              <p>
                Secret：
                <Typography.Text copyable code>
                  {r.secret}
                </Typography.Text>
              </p>
              <Typography.Text type="warning">Secret 仅显示这一次，请配置到考试管理端后妥善保管。</Typography.Text>
            </div>
          ),
          okText: '我已记录',
        });
      },
    },
  );
  const issue = async () => {
    const values = await form.validateFields().catch(() => null);
    if (values) await issuing.run(values);
  };
  const revoking = useAction((row: ExamClient) => api('POST', `/api/exam-clients/${row.id}/revoke`), {
    success: '凭证已吊销',
    invalidates: [['exam-clients']],
  });

  const revoke = (row: ExamClient) =>
    modal.confirm({
      title: `确认吊销「${row.name}」？`,
      content: '吊销后该考试管理端无法再上传成绩，此操作不可撤销。',
      okText: '吊销',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => revoking.run(row),
    });

  return (
    <Card
      title="考试管理端凭证"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
          签发凭证
        </Button>
      }
    >
      <ListTable<ExamClient>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.rows}
        pagination={list.pagination}
        scroll={{ x: 700 }}
        locale={{ emptyText: '尚未签发考试管理端凭证' }}
        columns={[
          { title: '名称', dataIndex: 'name', priority: 'id' },
          { title: 'Key ID', dataIndex: 'keyId', render: (v) => <Typography.Text code>{v}</Typography.Text> },
          { title: '签发时间', dataIndex: 'createdAt', render: formatDateTime },
          {
            title: '状态',
            dataIndex: 'revokedAt',
            priority: 'state',
            render: (v) => (v ? <Tag>已吊销 {formatDateTime(v)}</Tag> : <Tag color="green">有效</Tag>),
          },
          {
            title: '操作',
            key: 'op',
            priority: 'actions',
            render: (_, row) =>
              row.policies.revoke && (
                <Button type="link" danger size="small" onClick={() => revoke(row)}>
                  吊销
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={open}
        title="签发考试管理端凭证"
        okText="签发"
        cancelText="取消"
        onOk={issue}
        confirmLoading={issuing.pending}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="name"
            label="名称"
            rules={[
              { required: true, message: '请输入名称，如“长春市第一考点”' },
              { min: 2, message: '至少2个字符' },
            ]}
          >
            <Input maxLength={60} placeholder="如：长春市第一考点" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
