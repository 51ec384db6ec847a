import { RightOutlined, ScheduleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Empty, Result, Row, Skeleton, Statistic, Steps, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { Role } from '../../../shared/domain/roles';
import { api } from '../../api/client';
import type { Journey, Me, Stat, Todo } from '../../api/types';
import { useTodos } from '../../api/use-todos';

/** The operation manual's flow of each business party, as orientation under the to-do list. */
const FLOWS: Partial<Record<Role, string[]>> = {
  enterprise: ['本企业人员信息查询', '原持证人员信息备案', '人员变更申请', '延期申请', '继续教育报名', '成绩查询'],
  city: ['审核学员信息', '查看达到学时人数', '发布考场', '上传学员成绩', '统计合格人员成绩'],
  province: ['确认成绩名单', '打印证书', '诚信平台人员库'],
};

/** 待办: what waits for the caller, each count opening the list filtered to exactly those. */
function TodoList({ todos }: { todos: Todo[] }) {
  const navigate = useNavigate();
  const open = todos.filter((t) => t.count > 0);
  return (
    <Card title="待办事项" style={{ marginBottom: 16 }}>
      {!open.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无待办事项" />}
      <Row gutter={[16, 16]}>
        {open.map((t) => (
          <Col key={t.key} xs={12} md={8} lg={6}>
            <Card hoverable size="small" data-testid={`todo-${t.key}`} onClick={() => navigate(t.link)}>
              <Statistic
                title={
                  <span>
                    {t.label} <RightOutlined style={{ fontSize: 10 }} />
                  </span>
                }
                value={t.count}
              />
            </Card>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/** The candidate's place in 报名 → 审核 → 学习 → 申请考场 → 准考证 → 考试 → 证书, and the one next action. */
function JourneyCard({ journey }: { journey: Journey }) {
  const navigate = useNavigate();
  return (
    <Card
      title={journey.categoryLabel ? `我的进度 · ${journey.categoryLabel}` : '我的进度'}
      style={{ marginBottom: 16 }}
      data-testid="journey"
      data-step={journey.current}
    >
      <Result
        style={{ padding: '8px 0 16px' }}
        title={journey.steps[journey.current]}
        subTitle={journey.status}
        {...(journey.current === journey.steps.length - 1
          ? { status: 'success' as const }
          : { icon: <ScheduleOutlined style={{ color: '#1f5fbf' }} /> })}
        extra={
          journey.next && (
            <Button type="primary" size="large" onClick={() => navigate(journey.next!.link)}>
              {journey.next.label}
            </Button>
          )
        }
      />
      <Steps
        size="small"
        responsive
        current={journey.current}
        status={journey.current === journey.steps.length - 1 ? 'finish' : 'process'}
        items={journey.steps.map((title) => ({ title }))}
      />
    </Card>
  );
}

export function HomePage() {
  const { data, isLoading } = useQuery({
    queryKey: ['home'],
    queryFn: () => api<{ me: Me; stats: Stat[]; journey: Journey | null }>('GET', '/api/home'),
  });
  const todos = useTodos();
  if (isLoading || !data) return <Skeleton active />;
  const { me, stats, journey } = data;
  const flow = FLOWS[me.role];
  return (
    <div data-testid="home" data-role={me.role}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        欢迎，{me.displayName}
      </Typography.Title>
      {journey && <JourneyCard journey={journey} />}
      {todos.length > 0 && <TodoList todos={todos} />}
      {stats.length > 0 && (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          {stats.map((s) => (
            <Col key={s.label} xs={12} md={8} lg={6}>
              <Card>
                <Statistic title={s.label} value={s.value} suffix={s.suffix} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label="身份">{me.roleLabel}</Descriptions.Item>
          {me.username && <Descriptions.Item label="账号">{me.username}</Descriptions.Item>}
          {me.jurisdictionName && <Descriptions.Item label="所属地区">{me.jurisdictionName}</Descriptions.Item>}
          {me.enterpriseName && <Descriptions.Item label="企业">{me.enterpriseName}</Descriptions.Item>}
          {me.maskedIdNumber && <Descriptions.Item label="身份证号">{me.maskedIdNumber}</Descriptions.Item>}
          {me.maskedPhone && <Descriptions.Item label="手机号">{me.maskedPhone}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {flow && (
        <Card title="办理流程">
          <Steps direction="vertical" size="small" current={-1} items={flow.map((title) => ({ title }))} />
        </Card>
      )}
    </div>
  );
}
