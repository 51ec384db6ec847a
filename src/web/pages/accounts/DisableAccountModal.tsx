import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { AccountRow } from '../../api/types';

/** 停用 needs a reason; the account's sessions end at once on the server. */
export function DisableAccountModal({ account, onClose, onDone }: { account: AccountRow | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const [submitting, setSubmitting] = useState(false);
  const submit = async () => {
    const { reason } = await form.validateFields();
    setSubmitting(true);
    try {
      await api('POST', `/api/accounts/${account!.id}/disable`, { reason });
      message.success('账号已停用，其登录会话已全部失效');
      form.resetFields();
      onDone();
    } catch (err) {
      message.error(errorMessage(err, '操作失败'));
    } finally {
      setSubmitting(false);
    }
  };
  return (
    <Modal open={!!account} title={`停用账号「${account?.displayName ?? ''}」`} okText="确认停用" okButtonProps={{ danger: true, loading: submitting }} cancelText="取消" onOk={submit} onCancel={onClose} destroyOnHidden>
      <p>停用后该账号立即退出登录且无法再登录，可随时重新启用。</p>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="停用原因" rules={[{ required: true, message: '请填写停用原因' }, { min: 2, message: '请填写停用原因' }]}>
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
