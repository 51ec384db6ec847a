import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { api, errorMessage } from '../../api/client';
import type { ExamSessionView, MyExamApplication } from '../../api/types';
import { formatDateTime } from '../../format';

/** 申请考场, 申请退考, 打印准考证 for the candidate. */
export function MyExamsPage() {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const { data: available } = useQuery({ queryKey: ['exams-available'], queryFn: () => api<ExamSessionView[]>('GET', '/api/exams/available') });
  const { data: mine } = useQuery({ queryKey: ['exams-mine'], queryFn: () => api<MyExamApplication[]>('GET', '/api/exams/mine') });
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ['exams-available'] }), queryClient.invalidateQueries({ queryKey: ['exams-mine'] })]);

  const apply = (s: ExamSessionView) => modal.confirm({
    title: `申请考场「${s.name}」？`, content: `${formatDateTime(s.startsAt)}，${s.address} ${s.room}`, okText: '申请', cancelText: '取消',
    onOk: async () => {
      try {
        const r = await api<{ seatNumber: number; ticketNumber: string }>('POST', `/api/exam-sessions/${s.id}/apply`);
        message.success(`申请成功：座位号 ${r.seatNumber}，准考证号 ${r.ticketNumber}`);
        await refresh();
      } catch (err) {
        message.error(errorMessage(err));
      }
    },
  });

  const withdraw = (a: MyExamApplication) => modal.confirm({
    title: '申请退考？', content: '提交后由主管部门删除您的申请并释放座位。准考证打印后不能退考。', okText: '申请退考', cancelText: '取消',
    onOk: async () => {
      try {
        await api('POST', `/api/exam-applications/${a.id}/withdraw`);
        message.success('已提交退考申请');
        await refresh();
      } catch (err) {
        message.error(errorMessage(err));
      }
    },
  });

  const print = (a: MyExamApplication) => modal.confirm({
    title: a.ticketPrintedAt ? '重新打印准考证？' : '打印准考证？',
    content: a.ticketPrintedAt ? undefined : '首次打印后，本次考试不能再退考或被取消。',
    okText: '打印', cancelText: '取消',
    onOk: async () => {
      window.open(`/api/exam-applications/${a.id}/ticket.pdf`, '_blank', 'noopener');
      setTimeout(() => void refresh(), 1500);
    },
  });

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title="我的考试">
        {!mine?.length ? <Empty description="还没有申请考场" /> : (
          <List itemLayout="vertical" dataSource={mine} renderItem={(a) => (
            <List.Item data-testid="my-exam" actions={a.status === 'active' ? [
              <Button key="p" type="primary" size="small" onClick={() => print(a)}>{a.ticketPrintedAt ? '重新打印准考证' : '打印准考证'}</Button>,
              ...(!a.ticketPrintedAt ? [<Button key="w" size="small" onClick={() => withdraw(a)}>申请退考</Button>] : []),
            ] : []}>
              <List.Item.Meta title={<Space wrap>{a.session.name}<Tag>{a.statusLabel}</Tag></Space>}
                description={<Space direction="vertical" size={2}>
                  <span>{a.categoryLabel} · {a.session.kindLabel}</span>
                  <span>{formatDateTime(a.session.startsAt)}，{a.session.address} {a.session.room}</span>
                  {a.ticketNumber && <span>准考证号 {a.ticketNumber}，座位号 {a.seatNumber}</span>}
                  {a.ticketPrintedAt && <Typography.Text type="warning">准考证已于 {formatDateTime(a.ticketPrintedAt)} 打印，不能再退考</Typography.Text>}
                  {a.endedReason && <Typography.Text type="secondary">{a.endedReason}</Typography.Text>}
                  {a.result && (
                    <Typography.Text strong type={a.result.passed ? 'success' : 'danger'} data-testid="exam-result">
                      成绩：{a.result.theoryAbsent ? '缺考' : a.result.theory ?? '—'}{a.result.practical !== null || a.result.practicalAbsent ? `，实操 ${a.result.practicalAbsent ? '缺考' : a.result.practical}` : ''}（{a.result.label}）
                    </Typography.Text>
                  )}
                </Space>} />
            </List.Item>
          )} />
        )}
      </Card>
      <Card title="可申请的考场">
        <Alert style={{ marginBottom: 12 }} type="info" showIcon title="报名审核通过并达到要求学时后，可申请本地区发布的考场；座位先到先得。" />
        {!available?.length ? <Empty description="当前没有可申请的考场" /> : (
          <List itemLayout="vertical" dataSource={available} renderItem={(s) => (
            <List.Item data-testid="available-exam" actions={[<Button key="a" type="primary" size="small" onClick={() => apply(s)}>申请</Button>]}>
              <List.Item.Meta title={s.name} description={<Space direction="vertical" size={2}>
                <span>{s.categoryLabels.join('、')} · {s.kindLabel}</span>
                <span>{formatDateTime(s.startsAt)}，{s.address} {s.room}</span>
                <span>剩余座位 {s.capacity - s.taken} / {s.capacity}，申请截止 {formatDateTime(s.applicationsCloseAt)}</span>
              </Space>} />
            </List.Item>
          )} />
        )}
      </Card>
    </Space>
  );
}
