import { Alert, Card, Steps, Typography } from 'antd';
import { Link } from 'react-router';
import type { Role } from '../../../shared/domain/roles';
import { useMe } from '../../auth';

type Step = { title: string; description: string; link?: string };

/**
 * 操作指南: the original operation manual's flow of each party (操作流程图 and
 * 操作说明, seed/operation-flow), one step per screen of this product, each
 * linking to it.
 */
const GUIDES: Partial<Record<Role, { title: string; notes?: string; steps: Step[] }>> = {
  candidate: {
    title: '学员使用流程',
    notes:
      '报名信息在主管部门审核前可以修改；审核通过后不可修改任何信息，工作单位有误请提交单位变更申请。准考证打印前可申请退考；已打印准考证的，不能再取消考试资格。',
    steps: [
      {
        title: '在线报名',
        description:
          '选择类别或工种、报往地区，填写身份信息和基本情况，上传毕业证（项目负责人另传注册建造师证；特种作业人员上传县级以上医院体检表）。',
        link: '/registrations',
      },
      { title: '企业确认', description: '三类人员由工作单位确认劳动关系和年度安全生产教育培训合格。' },
      { title: '主管部门审核', description: '市（州）主管部门审核通过或退回（附原因）；退回后修改再提交。' },
      {
        title: '学习、抓拍',
        description: '在线学习课程，学习过程中随机抓拍；学时按服务器时间累计，每天最多 8 学时。',
        link: '/study',
      },
      { title: '申请考场', description: '达到学时后，申请主管部门发布的考场，座位先到先得。', link: '/exams' },
      { title: '打印准考证', description: '打印带照片和二维码的准考证；打印后不能再退考。', link: '/exams' },
      { title: '参加考试', description: '三类人员理论考试；特种作业人员理论考试合格后参加实操考试。' },
      { title: '取得证书', description: '省厅确认成绩名单后核发证书，可在诚信平台人员库查询。', link: '/my-certificates' },
    ],
  },
  enterprise: {
    title: '企业使用流程',
    notes: '企业账号和密码由当地建设行政主管部门发放。',
    steps: [
      {
        title: '本企业人员信息查询',
        description: '本企业人员的报名、学时、考试和证书，可筛选并导出 Excel。',
        link: '/personnel',
      },
      { title: '报名确认', description: '确认本企业人员的劳动关系和年度安全生产教育培训。', link: '/employer/registrations' },
      { title: '读取原有证人员信息', description: '按身份证号或证书编号读取已持证人员，办理调入。', link: '/personnel' },
      {
        title: '原持证人员信息备案',
        description: '本系统上线前取得证书的人员逐个或批量（Excel）备案，由主管部门核验。',
        link: '/filings',
      },
      {
        title: '人员变更申请 → 人员变更审核',
        description: '调入、企业更名、岗位/职称变更，经主管部门审核；证书编号不变。',
        link: '/personnel-changes',
      },
      { title: '延期申请', description: '有效期届满前 3 个月内、继续教育学时达到要求后申请延期。', link: '/extensions' },
      { title: '继续教育报名', description: '为持证人员报名继续教育课程。', link: '/personnel' },
      { title: '成绩查询', description: '本企业人员的考试成绩。', link: '/employer/exam-results' },
      { title: '进入诚信平台人员库', description: '本企业持证人员在诚信平台人员库公开可查。', link: '/registry' },
    ],
  },
  city: {
    title: '主管部门使用流程',
    notes: '无特殊原因请不要随意删除学员信息（删除须填写原因并记入审计日志）。考试结束后请及时上传考试成绩。',
    steps: [
      { title: '审核学员信息', description: '查看扫描件，审核通过或退回。', link: '/review/registrations' },
      { title: '查看达到学时人数', description: '各类别、工种达到要求学时的人数。', link: '/review/hours' },
      {
        title: '填写考场信息及工种、发布考场',
        description: '考场名称、地址、考室、时间、类别/工种、座位数和申请时间，保存草稿后发布。',
        link: '/exam-sessions',
      },
      { title: '等待学员申请考场', description: '处理退考申请；准考证打印前可取消学员的考试。', link: '/exam-sessions' },
      { title: '上传学员成绩', description: '特种作业人员网页导入 Excel；三类人员由考试管理端上传。', link: '/exam-sessions' },
      { title: '统计合格人员成绩', description: '生成合格名单并上报省厅。', link: '/qualified-lists' },
      { title: '核验与审核', description: '原持证人员备案核验、人员变更审核、延期审核、单位变更审核。', link: '/filings' },
    ],
  },
  province: {
    title: '省厅安全处使用流程',
    steps: [
      {
        title: '确认成绩名单',
        description: '确认各市（州）上报的合格名单，或退回（附原因）。确认后立即核发证书。',
        link: '/qualified-lists',
      },
      { title: '打印证书', description: '单本或整个名单批量打印，证书带二维码。', link: '/certificates' },
      { title: '人员信息进入诚信平台人员库', description: '证书公开可查、可验证。', link: '/registry' },
    ],
  },
};

export function GuidePage() {
  const role = useMe().data!.account!.role;
  const guide = GUIDES[role];
  if (!guide)
    return (
      <Card title="操作指南">
        <Typography.Paragraph>本账号的功能见左侧菜单。</Typography.Paragraph>
      </Card>
    );
  return (
    <Card title={`操作指南 · ${guide.title}`}>
      {guide.notes && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={guide.notes} />}
      <Steps
        direction="vertical"
        current={-1}
        items={guide.steps.map((s) => ({
          title: s.link ? <Link to={s.link}>{s.title}</Link> : s.title,
          description: s.description,
        }))}
      />
    </Card>
  );
}
