import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { formatDateTime } from '../../format';

type ExamClient = { id: string; name: string; keyId: string; createdAt: string; revokedAt: string | null };

/** 考试管理端 API credentials of this jurisdiction: issue (secret shown once) and revoke. */
export function ExamClientsPage() {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string }>();
  const [open, setOpen] = useState(false);
  const { data, isFetching } = useQuery({ queryKey: ['exam-clients'], queryFn: () => api<{ rows: ExamClient[] }>('GET', '/api/exam-clients') });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['exam-clients'] });

  const issue = async () => {
    const values = await form.validateFields();
    try {
      const r = await api<{ keyId: string; secret: string }>('POST', '/api/exam-clients', values);
      setOpen(false);
      form.resetFields();
      await refresh();
      modal.success({
        title: '凭证已签发',
        width: 560,
        content: (
          <div>
            <p>Key ID：<Typography.Text copyable code>{r.keyId}</Typography.Text></p>
            <p>Secret：<Typography.Text copyable code>{r.secret}</Typography.Text></p>
            <Typography.Text type="warning">Secret 仅显示这一次，请配置到考试管理端后妥善保管。</Typography.Text>
          </div>
        ),
        okText: '我已记录',
      });
    } catch (err) {
      message.error(errorMessage(err, '操作失败'));
    }
  };

  const revoke = (row: ExamClient) =>
    modal.confirm({
      title: `确认吊销「${row.name}」？`,
      content: '吊销后该考试管理端无法再上传成绩，此操作不可撤销。',
      okText: '吊销',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api('POST', `/api/exam-clients/${row.id}/revoke`);
          message.success('凭证已吊销');
          await refresh();
        } catch (err) {
          message.error(errorMessage(err, '操作失败'));
        }
      },
    });

  return (
    <Card title="考试管理端凭证" extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>签发凭证</Button>}>
      <Table<ExamClient>
        rowKey="id"
        loading={isFetching}
        dataSource={data?.rows}
        scroll={{ x: 700 }}
        locale={{ emptyText: '尚未签发考试管理端凭证' }}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: 'Key ID', dataIndex: 'keyId', render: (v) => <Typography.Text code>{v}</Typography.Text> },
          { title: '签发时间', dataIndex: 'createdAt', render: formatDateTime },
          { title: '状态', dataIndex: 'revokedAt', render: (v) => (v ? <Tag>已吊销 {formatDateTime(v)}</Tag> : <Tag color="green">有效</Tag>) },
          { title: '操作', key: 'op', render: (_, row) => !row.revokedAt && <Button type="link" danger size="small" onClick={() => revoke(row)}>吊销</Button> },
        ]}
      />
      <Modal open={open} title="签发考试管理端凭证" okText="签发" cancelText="取消" onOk={issue} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请输入名称，如“长春市第一考点”' }, { min: 2, message: '至少2个字符' }]}>
            <Input maxLength={60} placeholder="如：长春市第一考点" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
