import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Empty, Form, Input, Select, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import type { ExamSessionView, QualifiedCandidate } from '../../api/types';
import { formatDateTime } from '../../format';

/**
 * 统计合格人员成绩: pick held 考场, see their passed candidates (all ticked),
 * name the list and submit it to the province.
 */
export function CompileListDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { modal } = App.useApp();
  const [sessionIds, setSessionIds] = useState<string[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [listTitle, setListTitle] = useState('');
  const sessions = useQuery({
    queryKey: ['exam-sessions'],
    enabled: open,
    queryFn: () => api<ExamSessionView[]>('GET', '/api/exam-sessions'),
  });
  const held = (sessions.data ?? []).filter((s) => s.status === 'held' || s.status === 'scores_complete');
  const candidates = useQuery({
    queryKey: ['qualified-candidates', sessionIds],
    enabled: open && sessionIds.length > 0,
    queryFn: () => api<QualifiedCandidate[]>('GET', `/api/qualified-lists/candidates?sessionIds=${sessionIds.join(',')}`),
  });
  useEffect(() => setSelected((candidates.data ?? []).map((c) => c.applicationId)), [candidates.data]);

  const submitting = useAction(
    (body: { listTitle: string; applicationIds: string[] }, request) => api('POST', '/api/qualified-lists', body, request),
    {
      idempotent: true,
      success: '合格名单已提交省厅',
      invalidates: [['qualified-lists'], ['qualified-candidates']],
      onSuccess: () => {
        setSessionIds([]);
        setListTitle('');
        onClose();
      },
    },
  );
  const submit = () =>
    modal.confirm({
      title: `将 ${selected.length} 名合格人员上报省厅？`,
      content: '上报后名单由省厅确认并核发证书；如需修改，只能等省厅退回后重新上报。',
      okText: '提交',
      cancelText: '取消',
      onOk: () => submitting.run({ listTitle, applicationIds: selected }),
    });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={Math.min(960, window.innerWidth)}
      title="统计合格人员成绩"
      extra={
        <Button type="primary" disabled={selected.length === 0 || listTitle.trim().length < 2} onClick={submit}>
          提交省厅（{selected.length}人）
        </Button>
      }
    >
      <Form layout="vertical">
        <Form.Item label="考场（已考试）" required>
          <Select
            mode="multiple"
            value={sessionIds}
            onChange={setSessionIds}
            placeholder="选择一个或多个已考试的考场"
            loading={sessions.isFetching}
            options={held.map((s) => ({ value: s.id, label: `${s.name}（${formatDateTime(s.startsAt)}）` }))}
            notFoundContent="暂无已考试的考场"
          />
        </Form.Item>
        <Form.Item label="名单名称" required>
          <Input
            value={listTitle}
            onChange={(e) => setListTitle(e.target.value)}
            maxLength={100}
            placeholder="如：2026年第12批三类人员合格名单"
          />
        </Form.Item>
      </Form>
      {sessionIds.length === 0 ? (
        <Empty description="请先选择考场" />
      ) : (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title="只列出成绩合格、尚未上报且尚未发证的人员；取消勾选的人员不会上报。"
          />
          <Table<QualifiedCandidate>
            rowKey="applicationId"
            size="small"
            loading={candidates.isFetching}
            dataSource={candidates.data}
            scroll={{ x: 800 }}
            pagination={{ pageSize: 50 }}
            rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
            locale={{ emptyText: '所选考场没有待上报的合格人员' }}
            columns={[
              { title: '准考证号', dataIndex: 'ticketNumber' },
              { title: '姓名', dataIndex: 'name' },
              { title: '身份证号', dataIndex: 'maskedIdNumber' },
              { title: '类别/工种', dataIndex: 'categoryLabel' },
              { title: '理论', dataIndex: 'theory', render: (v) => v ?? '—' },
              { title: '实操', dataIndex: 'practical', render: (v) => v ?? '—' },
            ]}
          />
          <Space style={{ marginTop: 8 }}>
            已选 {selected.length} / {candidates.data?.length ?? 0} 人
          </Space>
        </>
      )}
    </Drawer>
  );
}
