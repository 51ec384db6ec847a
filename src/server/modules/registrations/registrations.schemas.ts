import { z } from 'zod';
import { CATEGORY_CODES, EDUCATION_VALUES, TITLE_VALUES } from '../../../shared/domain/categories.js';
import { REGISTRATION_STATUS_VALUES } from '../../../shared/domain/registration-status.js';
import { dateString, pagingQuery } from '../../http/paging.js';
import { calendarDate, isoDateTime, pageOf, policiesOf } from '../../http/schemas.js';

const idParams = z.object({ id: z.uuid('报名编号格式错误') });
const reasonBody = z.object({ reason: z.string().max(200, '不能超过200个字符') });
const optionalId = z.uuid('编号格式错误').nullable().optional();

const registrationBody = z.object({
  category: z.enum(CATEGORY_CODES, '请选择报考类别或工种'),
  otherWorkTypeName: z.string().max(30, '不能超过30个字符').nullable().optional(),
  jurisdictionCode: z.string().min(1, '请选择报往地区').max(16),
  enterpriseId: optionalId,
  education: z.enum(EDUCATION_VALUES, '请选择文化程度').nullable().optional(),
  title: z.enum(TITLE_VALUES, '请选择专业技术职称').nullable().optional(),
  job: z.string().max(30, '不能超过30个字符').nullable().optional(),
  experienceYears: z.number().int('应为整数').min(0, '不能小于0').max(60, '不能超过60').nullable().optional(),
  qualificationNumber: z.string().max(40, '不能超过40个字符').nullable().optional(),
  medicalExamDate: dateString.nullable().optional(),
  photoFileId: optionalId,
  diplomaFileId: optionalId,
  qualificationFileId: optionalId,
  medicalFileId: optionalId,
});

const reviewFilter = {
  status: z.enum(REGISTRATION_STATUS_VALUES).optional(),
  category: z.enum(CATEGORY_CODES).optional(),
  from: dateString.optional(),
  to: dateString.optional(),
  name: z.string().trim().max(30).optional(),
  idNumber: z.string().trim().max(18, '应为18位').optional(),
};

const employerChangeStatuses = ['pending', 'approved', 'rejected'] as const;

/** What the caller may do with a registration now (registration-policies.ts). */
export const registrationPolicies = policiesOf(
  'edit',
  'submit',
  'withdraw',
  'requestEmployerChange',
  'employerConfirm',
  'employerReject',
  'approve',
  'return',
  'delete',
);

/** One registration as every registration screen shows it (describe-registration.ts); ID and phone numbers masked. */
export const registrationView = z.object({
  id: z.uuid(),
  category: z.string().describe('报考类别或工种代码'),
  categoryLabel: z.string(),
  otherWorkTypeName: z.string().nullable().describe('工种代码 99（其他）时填写的工种名称'),
  jurisdictionCode: z.string().describe('报往地区代码'),
  jurisdictionName: z.string(),
  enterpriseId: z.uuid().nullable(),
  enterpriseName: z.string().nullable(),
  enterpriseCreditCode: z.string().nullable().describe('工作单位统一社会信用代码'),
  status: z.enum(REGISTRATION_STATUS_VALUES),
  statusLabel: z.string(),
  education: z.string().nullable().describe('文化程度代码'),
  title: z.string().nullable().describe('专业技术职称代码'),
  job: z.string().nullable(),
  experienceYears: z.number().int().nullable().describe('从业年限（年）'),
  qualificationNumber: z.string().nullable(),
  medicalExamDate: calendarDate.nullable().describe('体检日期 YYYY-MM-DD'),
  photoFileId: z.uuid().nullable(),
  diplomaFileId: z.uuid().nullable(),
  qualificationFileId: z.uuid().nullable(),
  medicalFileId: z.uuid().nullable(),
  person: z.object({
    name: z.string(),
    maskedIdNumber: z.string().describe('脱敏身份证号'),
    maskedPhone: z.string().nullable().describe('脱敏手机号'),
    gender: z.enum(['male', 'female']),
    age: z.number().int().describe('周岁（不发送出生日期）'),
  }),
  labourRelationConfirmed: z.boolean().describe('企业已确认劳动关系'),
  annualTrainingConfirmed: z.boolean().describe('企业已确认年度安全生产教育培训合格'),
  employerConfirmedAt: isoDateTime.nullable(),
  submittedAt: isoDateTime.nullable(),
  returnReason: z.string().nullable(),
  returnedByRole: z.string().nullable().describe('退回方角色：enterprise 工作单位 / city 主管部门'),
  returnedAt: isoDateTime.nullable(),
  approvedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  pendingEmployerChange: z
    .object({ toEnterpriseName: z.string(), reason: z.string() })
    .nullable()
    .describe('待审核的单位变更申请'),
  policies: registrationPolicies,
});

/** One row of the 审核 queue (list-review-queue.ts): what the table shows. */
export const reviewRow = z.object({
  id: z.uuid(),
  status: z.enum(REGISTRATION_STATUS_VALUES),
  statusLabel: z.string(),
  category: z.string().describe('报考类别或工种代码'),
  categoryLabel: z.string(),
  jurisdictionName: z.string(),
  enterpriseName: z.string().nullable(),
  submittedAt: isoDateTime.nullable(),
  person: z.object({ name: z.string(), maskedIdNumber: z.string().describe('脱敏身份证号') }),
  policies: registrationPolicies,
});

/** A registered enterprise as the employer picker shows it (public registry facts only). */
export const enterpriseChoice = z.object({
  id: z.uuid(),
  name: z.string(),
  creditCode: z.string().describe('统一社会信用代码'),
  jurisdictionName: z.string(),
});

/** One 单位变更申请 in the authority's list (decide-employer-change.ts). */
export const employerChangeRow = z.object({
  id: z.uuid(),
  registrationId: z.uuid(),
  status: z.enum(employerChangeStatuses),
  reason: z.string().describe('申请原因'),
  decisionReason: z.string().nullable().describe('审核意见'),
  createdAt: isoDateTime,
  decidedAt: isoDateTime.nullable(),
  personName: z.string(),
  category: z.string().describe('报考类别或工种代码'),
  fromEnterpriseName: z.string().nullable().describe('原单位（报名时可未填）'),
  toEnterpriseName: z.string(),
  toCreditCode: z.string().describe('新单位统一社会信用代码'),
  policies: policiesOf('approve', 'return'),
});

const saved = z.object({ id: z.uuid() });

export const registrationsSchemas = {
  searchEnterprises: {
    querystring: z.object({ q: z.string().max(60) }),
    response: { 200: z.array(enterpriseChoice) },
  },
  mine: { response: { 200: z.array(registrationView) } },
  create: { body: registrationBody, response: { 200: saved } },
  update: { params: idParams, body: registrationBody, response: { 200: saved } },
  submit: {
    params: idParams,
    response: {
      200: z.object({
        status: z.string().describe('提交后的状态：awaiting_employer 待企业确认 / awaiting_authority 待主管部门审核'),
      }),
    },
  },
  byId: { params: idParams },
  withReason: { params: idParams, body: reasonBody },
  requestEmployerChange: {
    params: idParams,
    body: z.object({ toEnterpriseId: z.uuid('请选择新的工作单位'), reason: z.string().max(200, '不能超过200个字符') }),
    response: { 200: z.object({ id: z.uuid().describe('单位变更申请编号') }) },
  },
  get: { params: idParams, response: { 200: registrationView } },
  employerQueue: {
    querystring: z.object({
      status: z.enum(REGISTRATION_STATUS_VALUES).optional(),
      name: z.string().trim().max(30).optional(),
      ...pagingQuery,
    }),
    response: { 200: pageOf(registrationView) },
  },
  confirmEmployment: {
    params: idParams,
    body: z.object({ labourRelation: z.boolean(), annualTraining: z.boolean() }),
  },
  reviewQueue: {
    querystring: z.object({ ...reviewFilter, ...pagingQuery }),
    response: { 200: pageOf(reviewRow) },
  },
  reviewExport: { querystring: z.object(reviewFilter) },
  batchApprove: {
    body: z.object({ ids: z.array(z.uuid('报名编号格式错误')).min(1, '请选择要审核的报名').max(200, '一次最多200条') }),
    response: {
      200: z.object({
        results: z.array(z.object({ id: z.uuid(), ok: z.boolean(), message: z.string().describe('逐条处理结果或失败原因') })),
      }),
    },
  },
  revealIdNumber: {
    params: idParams,
    response: { 200: z.object({ idNumber: z.string().describe('完整身份证号（每次查看记入审计）') }) },
  },
  employerChanges: {
    querystring: z.object({ status: z.enum(employerChangeStatuses).optional() }),
    response: { 200: z.object({ rows: z.array(employerChangeRow) }) },
  },
  decideEmployerChange: {
    params: z.object({ id: z.uuid('申请编号格式错误') }),
    body: z.object({ approve: z.boolean(), reason: z.string().max(200, '不能超过200个字符').optional() }),
  },
};
