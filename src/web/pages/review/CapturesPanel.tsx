import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Form, Image, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Policies } from '../../../shared/policies';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { fileUrl } from '../../api/files';
import { minutes, StudyProgressPanel } from '../../components/StudyProgressPanel';
import { formatDateTime } from '../../format';

type CaptureRow = {
  id: string;
  status: 'received' | 'rejected' | 'missed';
  dueAt: string;
  capturedAt: string | null;
  rejectReason: string | null;
  lessonTitle: string;
  creditedSeconds: number;
  policies: Policies<'reject'>;
};
const STATUS = {
  received: { label: '已抓拍', color: 'green' },
  rejected: { label: '非本人', color: 'red' },
  missed: { label: '未按时抓拍', color: 'orange' },
};

/** 抓拍审核: the snapshots beside the registration photo; "not the candidate" invalidates their hours. */
export function CapturesPanel({ registrationId }: { registrationId: string }) {
  const [rejecting, setRejecting] = useState<CaptureRow | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const { data } = useQuery({
    queryKey: ['captures', registrationId],
    queryFn: () =>
      api<{ name: string; photoFileId: string | null; captures: CaptureRow[] }>(
        'GET',
        `/api/review/registrations/${registrationId}/captures`,
      ),
  });
  const rejectAction = useAction(
    ({ c, reason }: { c: CaptureRow; reason: string }) =>
      api<{ invalidatedSeconds: number }>('POST', `/api/review/captures/${c.id}/reject`, { reason }),
    {
      success: (r) => `已判定为非本人，作废学时 ${Math.round(r.invalidatedSeconds / 60)} 分钟`,
      invalidates: [
        ['captures', registrationId],
        ['progress', registrationId],
      ],
      onSuccess: () => {
        setRejecting(null);
        form.resetFields();
      },
    },
  );
  const reject = async () => {
    const { reason } = await form.validateFields();
    if (rejecting) await rejectAction.run({ c: rejecting, reason });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <StudyProgressPanel registrationId={registrationId} />
      <Space align="start" wrap>
        <Card size="small" title="报名照片">
          {data?.photoFileId ? <Image src={fileUrl(data.photoFileId)} width={107} /> : '—'}
        </Card>
        {!data?.captures.length && <Empty description="暂无抓拍记录" />}
        {data?.captures.map((c) => (
          <Card
            key={c.id}
            size="small"
            style={{ width: 190 }}
            data-testid="capture-card"
            title={<Tag color={STATUS[c.status].color}>{STATUS[c.status].label}</Tag>}
            extra={
              c.policies.reject?.allowed && (
                <Button size="small" danger type="link" onClick={() => setRejecting(c)}>
                  非本人
                </Button>
              )
            }
          >
            {c.status !== 'missed' ? (
              <Image src={`/api/captures/${c.id}/image`} width={160} />
            ) : (
              <Typography.Text type="secondary">要求时间 {formatDateTime(c.dueAt)}</Typography.Text>
            )}
            <div style={{ fontSize: 12, marginTop: 4 }}>
              <div>{c.lessonTitle}</div>
              <div>{formatDateTime(c.capturedAt ?? c.dueAt)}</div>
              <div>关联学时 {minutes(c.creditedSeconds)}</div>
              {c.rejectReason && <Typography.Text type="danger">{c.rejectReason}</Typography.Text>}
            </div>
          </Card>
        ))}
      </Space>
      <Modal
        open={!!rejecting}
        title="判定抓拍非本人"
        okText="确认作废"
        okButtonProps={{ danger: true, loading: rejectAction.pending }}
        cancelText="取消"
        onOk={reject}
        onCancel={() => setRejecting(null)}
        destroyOnHidden
      >
        <p>判定后，依赖该照片计入的学时全部作废，并记入审计日志。</p>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label="判定理由" rules={[{ required: true, message: '请填写判定理由' }]}>
            <Input.TextArea rows={3} maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
