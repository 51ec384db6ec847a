import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Row, Skeleton, Statistic, Steps, Typography } from 'antd';
import type { Role } from '../../../shared/domain/roles';
import { api } from '../../api/client';
import type { Me, Stat } from '../../api/types';

/** The operation manual's flow for each party, shown as orientation on the home page. */
const FLOWS: Partial<Record<Role, string[]>> = {
  candidate: ['学员注册', '在线报名', '主管部门审核', '学习、抓拍', '申请考场', '打印准考证', '参加考试'],
  enterprise: ['本企业人员信息查询', '原持证人员信息备案', '人员变更申请', '延期申请', '继续教育报名', '成绩查询'],
  city: ['审核学员信息', '查看达到学时人数', '发布考场', '上传学员成绩', '统计合格人员成绩'],
  province: ['确认成绩名单', '打印证书', '诚信平台人员库'],
};

export function HomePage() {
  const { data, isLoading } = useQuery({ queryKey: ['home'], queryFn: () => api<{ me: Me; stats: Stat[] }>('GET', '/api/home') });
  if (isLoading || !data) return <Skeleton active />;
  const { me, stats } = data;
  const flow = FLOWS[me.role];
  return (
    <div data-testid="home" data-role={me.role}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>欢迎，{me.displayName}</Typography.Title>
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
      {stats.length > 0 && (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          {stats.map((s) => (
            <Col key={s.label} xs={12} md={8} lg={6}>
              <Card><Statistic title={s.label} value={s.value} suffix={s.suffix} /></Card>
            </Col>
          ))}
        </Row>
      )}
      {flow && (
        <Card title="办理流程">
          <Steps direction="vertical" size="small" current={me.role === 'candidate' ? 1 : -1} items={flow.map((title) => ({ title }))} />
        </Card>
      )}
    </div>
  );
}
