import { useQuery } from '@tanstack/react-query';
import { Alert, Form, Modal, Select } from 'antd';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import type { PersonnelRow } from '../../api/types';

/** 继续教育报名: pick a continuing-education course of the certificate's category for its holder. */
export function ContinuingModal({ row, onClose }: { row: PersonnelRow | null; onClose: () => void }) {
  const [form] = Form.useForm<{ courseId: string }>();
  const enrolling = useAction(
    ({ certificateId, courseId }: { certificateId: string; courseId: string }) =>
      api<{ alreadyEnrolled: boolean }>('POST', `/api/certificates/${certificateId}/continuing`, { courseId }),
    {
      form,
      success: (r) => (r.alreadyEnrolled ? '该人员已报名此课程' : '已报名，持证人登录后可在“在线学习”中学习'),
      onSuccess: () => onClose(),
    },
  );
  const { data } = useQuery({
    queryKey: ['continuing', row?.certificateId],
    enabled: !!row?.certificateId,
    queryFn: () =>
      api<{ courses: { id: string; title: string }[]; seconds: number }>(
        'GET',
        `/api/certificates/${row!.certificateId}/continuing`,
      ),
  });
  return (
    <Modal
      open={!!row}
      title={`继续教育报名：${row?.name ?? ''}`}
      okText="报名"
      cancelText="取消"
      destroyOnHidden
      onCancel={onClose}
      confirmLoading={enrolling.pending}
      onOk={async () => {
        const { courseId } = await form.validateFields();
        if (row?.certificateId) await enrolling.run({ certificateId: row.certificateId, courseId });
      }}
    >
      {data && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`本有效期内已完成继续教育 ${Math.floor((data.seconds / 2700) * 10) / 10} 学时`}
        />
      )}
      <Form form={form} layout="vertical">
        <Form.Item name="courseId" label="继续教育课程" rules={[{ required: true, message: '请选择课程' }]}>
          <Select
            options={(data?.courses ?? []).map((c) => ({ value: c.id, label: c.title }))}
            notFoundContent="暂无适用于该类别的继续教育课程"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
