import { Form, Input, Modal } from 'antd';
import { useState, type ReactNode } from 'react';

type Props = {
  open: boolean;
  title: string;
  /** The button, e.g. 退回; the field is labelled 「{okText}原因」 unless `label` says otherwise. */
  okText: string;
  label?: string;
  danger?: boolean;
  /** What the action does, above the field. */
  content?: ReactNode;
  onCancel: () => void;
  /** Resolves true when done (the modal then closes and clears), false to keep it open. */
  onSubmit: (reason: string) => Promise<boolean>;
};

/** Every refusal, return or sanction asks for a reason the same way. */
export function ReasonModal({ open, title, okText, label, danger = true, content, onCancel, onSubmit }: Props) {
  const [form] = Form.useForm<{ reason: string }>();
  const [submitting, setSubmitting] = useState(false);
  const fieldLabel = label ?? `${okText}原因`;
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="取消"
      okButtonProps={{ danger, loading: submitting }}
      destroyOnHidden
      onCancel={onCancel}
      onOk={async () => {
        const { reason } = await form.validateFields();
        setSubmitting(true);
        try {
          if (await onSubmit(reason)) form.resetFields();
        } finally {
          setSubmitting(false);
        }
      }}
    >
      {content}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={fieldLabel} rules={[{ required: true, min: 2, message: `请填写${fieldLabel}` }]}>
          <Input.TextArea rows={3} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
