import { useQuery } from '@tanstack/react-query';
import { Alert, App, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { api } from '../../api/client';
import type { AvailableExamSession, MyExamApplication } from '../../api/types';
import { useAction } from '../../api/use-action';
import { ActionButton } from '../../components/ActionButton';
import { formatDateTime } from '../../format';

const LISTS = [['exams-available'], ['exams-mine']];

/** 申请考场, 申请退考, 打印准考证 for the candidate. */
export function MyExamsPage() {
  const { modal } = App.useApp();
  const { data: available } = useQuery({
    queryKey: ['exams-available'],
    queryFn: () => api<AvailableExamSession[]>('GET', '/api/exams/available'),
  });
  const { data: mine, refetch } = useQuery({
    queryKey: ['exams-mine'],
    queryFn: () => api<MyExamApplication[]>('GET', '/api/exams/mine'),
  });
  const applying = useAction(
    (s: AvailableExamSession) => api<{ seatNumber: number; ticketNumber: string }>('POST', `/api/exam-sessions/${s.id}/apply`),
    {
      success: (r) => `申请成功：座位号 ${r.seatNumber}，准考证号 ${r.ticketNumber}`,
      invalidates: LISTS,
    },
  );
  const withdrawing = useAction((a: MyExamApplication) => api('POST', `/api/exam-applications/${a.id}/withdraw`), {
    success: '已提交退考申请',
    invalidates: LISTS,
  });

  const apply = (s: AvailableExamSession) =>
    modal.confirm({
      title: `申请考场「${s.name}」？`,
      content: `${formatDateTime(s.startsAt)}，${s.address} ${s.room}`,
      okText: '申请',
      cancelText: '取消',
      onOk: () => applying.run(s),
    });

  const withdraw = (a: MyExamApplication) =>
    modal.confirm({
      title: '申请退考？',
      content: '提交后由主管部门删除您的申请并释放座位。准考证打印后不能退考。',
      okText: '申请退考',
      cancelText: '取消',
      onOk: () => withdrawing.run(a),
    });

  const print = (a: MyExamApplication) =>
    modal.confirm({
      title: a.ticketPrintedAt ? '重新打印准考证？' : '打印准考证？',
      content: a.ticketPrintedAt ? undefined : '首次打印后，本次考试不能再退考或被取消。',
      okText: '打印',
      cancelText: '取消',
      onOk: async () => {
        window.open(`/api/exam-applications/${a.id}/ticket.pdf`, '_blank', 'noopener');
        setTimeout(() => void refetch(), 1500);
      },
    });

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title="我的考试">
        {!mine?.length ? (
          <Empty description="还没有申请考场" />
        ) : (
          <List
            itemLayout="vertical"
            dataSource={mine}
            renderItem={(a) => (
              <List.Item
                data-testid="my-exam"
                actions={[
                  <ActionButton key="p" policy={a.policies.printTicket} type="primary" size="small" onClick={() => print(a)}>
                    {a.ticketPrintedAt ? '重新打印准考证' : '打印准考证'}
                  </ActionButton>,
                  <ActionButton key="w" policy={a.policies.withdraw} size="small" onClick={() => withdraw(a)}>
                    申请退考
                  </ActionButton>,
                ].filter((b) => b.props.policy)}
              >
                <List.Item.Meta
                  title={
                    <Space wrap>
                      {a.session.name}
                      <Tag>{a.statusLabel}</Tag>
                    </Space>
                  }
                  description={
                    <Space direction="vertical" size={2}>
                      <span>
                        {a.categoryLabel} · {a.session.kindLabel}
                      </span>
                      <span>
                        {formatDateTime(a.session.startsAt)}，{a.session.address} {a.session.room}
                      </span>
                      {a.ticketNumber && (
                        <span>
                          准考证号 {a.ticketNumber}，座位号 {a.seatNumber}
                        </span>
                      )}
                      {a.ticketPrintedAt && (
                        <Typography.Text type="warning">
                          准考证已于 {formatDateTime(a.ticketPrintedAt)} 打印，不能再退考
                        </Typography.Text>
                      )}
                      {a.endedReason && <Typography.Text type="secondary">{a.endedReason}</Typography.Text>}
                      {a.result && (
                        <Typography.Text strong type={a.result.passed ? 'success' : 'danger'} data-testid="exam-result">
                          成绩：{a.result.theoryAbsent ? '缺考' : (a.result.theory ?? '—')}
                          {a.result.practical !== null || a.result.practicalAbsent
                            ? `，实操 ${a.result.practicalAbsent ? '缺考' : a.result.practical}`
                            : ''}
                          （{a.result.label}）
                        </Typography.Text>
                      )}
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card title="可申请的考场">
        <Alert
          style={{ marginBottom: 12 }}
          type="info"
          showIcon
          title="报名审核通过并达到要求学时后，可申请本地区发布的考场；座位先到先得。"
        />
        {!available?.length ? (
          <Empty description="当前没有可申请的考场" />
        ) : (
          <List
            itemLayout="vertical"
            dataSource={available}
            renderItem={(s) => (
              <List.Item
                data-testid="available-exam"
                actions={[
                  <ActionButton key="a" policy={s.policies.apply} type="primary" size="small" onClick={() => apply(s)}>
                    申请
                  </ActionButton>,
                ]}
              >
                <List.Item.Meta
                  title={s.name}
                  description={
                    <Space direction="vertical" size={2}>
                      <span>
                        {s.categoryLabels.join('、')} · {s.kindLabel}
                      </span>
                      <span>
                        {formatDateTime(s.startsAt)}，{s.address} {s.room}
                      </span>
                      <span>
                        剩余座位 {s.capacity - s.taken} / {s.capacity}，申请截止 {formatDateTime(s.applicationsCloseAt)}
                      </span>
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </Space>
  );
}
