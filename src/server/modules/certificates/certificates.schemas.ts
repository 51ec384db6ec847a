import { z } from 'zod';
import { CATEGORY_CODES } from '../../../shared/domain/categories.js';
import { CERTIFICATE_MACHINE, CERTIFICATE_STATUSES } from '../../../shared/domain/certificate.js';
import { certificateNational } from '../national/national.schemas.js';
import { QUALIFIED_LIST_STATUSES } from '../../db/schema/index.js';
import { dateString, pagingQuery } from '../../http/paging.js';
import { calendarDate, isoDateTime, pageOf, policiesOf } from '../../http/schemas.js';

const idParams = (what: string) => z.object({ id: z.uuid(`${what}编号格式错误`) });
const listParams = idParams('名单');
const jobParams = idParams('打印任务');
const certificateParams = idParams('证书');
const reasonBody = z.object({ reason: z.string().max(200, '不能超过200个字符') });

const certificateFilter = z.object({
  q: z.string().max(50, '不能超过50个字符').optional(),
  category: z.enum(CATEGORY_CODES, '类别无效').optional(),
  status: z.enum(CERTIFICATE_STATUSES, '证书状态无效').optional(),
  jurisdictionCode: z
    .string()
    .regex(/^\d{6}$/, '地区代码应为6位数字')
    .optional(),
  listId: z.uuid('名单编号格式错误').optional(),
  issuedFrom: dateString.optional(),
  issuedTo: dateString.optional(),
  expiringWithinDays: z.coerce.number().int('应为整数').min(1, '应为1至366天').max(366, '应为1至366天').optional(),
});

const maskedIdNumber = z.string().describe('脱敏身份证号，如 220102********1235');
const category = z.string().describe('类别/工种代码，如 C2、01');
const score = (what: string) => z.number().nullable().describe(`${what}（分，可含一位小数）；无成绩为空`);

export const qualifiedCandidate = z.object({
  applicationId: z.uuid(),
  sessionId: z.uuid(),
  sessionName: z.string(),
  name: z.string(),
  maskedIdNumber,
  category,
  categoryLabel: z.string(),
  ticketNumber: z.string().nullable().describe('准考证号'),
  enterpriseName: z.string().nullable(),
  theory: score('理论成绩'),
  practical: score('实操成绩'),
});

const listPolicies = policiesOf('approve', 'return', 'print');

export const qualifiedListRow = z.object({
  id: z.uuid(),
  title: z.string(),
  jurisdictionCode: z.string(),
  jurisdictionName: z.string(),
  status: z.enum(QUALIFIED_LIST_STATUSES),
  entryCount: z.number().int().describe('名单人数'),
  submittedAt: isoDateTime,
  decidedAt: isoDateTime.nullable(),
  returnReason: z.string().nullable(),
  policies: listPolicies,
});

export const qualifiedListDetail = z.object({
  list: z.object({
    id: z.uuid(),
    title: z.string(),
    status: z.enum(QUALIFIED_LIST_STATUSES),
    entryCount: z.number().int().describe('名单人数'),
    submittedAt: isoDateTime,
    returnReason: z.string().nullable(),
    policies: listPolicies,
  }),
  rows: z.array(
    z.object({
      applicationId: z.uuid(),
      name: z.string(),
      maskedIdNumber,
      categoryLabel: z.string(),
      ticketNumber: z.string().nullable().describe('准考证号'),
      sessionName: z.string(),
      enterpriseName: z.string().nullable(),
      theory: score('理论成绩'),
      practical: score('实操成绩'),
      certificateId: z.uuid().nullable().describe('确认发证前为空'),
      certificateNumber: z.string().nullable().describe('确认发证前为空'),
      expiresOn: calendarDate.nullable().describe('有效期至；确认发证前为空'),
    }),
  ),
});

const certificateStatus = z.enum(CERTIFICATE_STATUSES).describe('当前状态（有效证书过期即为失效）');
const certificateSource = z.enum(['exam', 'filing']).describe('exam 考试核发，filing 原持证备案');

export const certificateRow = z.object({
  id: z.uuid(),
  number: z.string().describe('证书编号'),
  name: z.string(),
  maskedIdNumber,
  category,
  categoryLabel: z.string(),
  enterpriseName: z.string().nullable(),
  jurisdictionName: z.string(),
  issuedOn: calendarDate,
  expiresOn: calendarDate,
  status: certificateStatus,
  statusLabel: z.string(),
  source: certificateSource,
  listId: z.uuid().nullable().describe('所属合格名单；备案证书为空'),
  printed: z.boolean().describe('是否已打印过'),
  nationalState: z.enum(['sent', 'pending', 'failed']).nullable().describe('全国平台上报状态（仅主管部门可见）'),
});

export const certificateDetail = z.object({
  id: z.uuid(),
  number: z.string().describe('证书编号'),
  name: z.string(),
  maskedIdNumber,
  category,
  categoryLabel: z.string(),
  enterpriseName: z.string().nullable(),
  creditCode: z.string().nullable().describe('统一社会信用代码'),
  jurisdictionName: z.string(),
  issuedOn: calendarDate,
  expiresOn: calendarDate,
  status: certificateStatus,
  statusLabel: z.string(),
  source: certificateSource,
  job: z.string().nullable().describe('岗位'),
  policies: policiesOf('nationalRetry', ...CERTIFICATE_MACHINE.actions),
  national: certificateNational.nullable().describe('全国平台：电子证照标识、赋码与上报记录（仅主管部门可见）'),
  events: z.array(
    z.object({
      id: z.number().int(),
      kind: z.string().describe('事件代码，如 issued、suspend'),
      label: z.string(),
      at: isoDateTime,
      actorName: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
});

export const certificatesSchemas = {
  candidates: {
    querystring: z.object({
      sessionIds: z
        .string()
        .max(2000)
        .transform((s) => s.split(',').filter(Boolean))
        .pipe(z.array(z.uuid('考场编号格式错误')).max(50, '一次最多选择50个考场')),
    }),
    response: { 200: z.array(qualifiedCandidate) },
  },
  submitList: {
    body: z.object({
      listTitle: z.string().max(100, '不能超过100个字符'),
      applicationIds: z.array(z.uuid('人员编号格式错误')).max(5000, '一份名单最多5000人'),
    }),
    response: { 200: z.object({ id: z.uuid(), entryCount: z.number().int() }) },
  },
  lists: {
    querystring: z.object({ status: z.enum(QUALIFIED_LIST_STATUSES, '名单状态无效').optional() }),
    response: { 200: z.array(qualifiedListRow) },
  },
  listDetail: { params: listParams, response: { 200: qualifiedListDetail } },
  listExport: { params: listParams },
  confirmList: {
    params: listParams,
    body: z
      .object({
        overrideReason: z.string().max(200, '原因不超过200字').optional().describe('全国平台无法连接时，仍要确认的原因'),
      })
      .optional(),
    response: { 200: z.object({ issued: z.number().int().describe('核发证书数') }) },
  },
  returnList: { params: listParams, body: reasonBody },
  nationalCheck: {
    params: listParams,
    response: {
      200: z.object({
        connected: z.boolean(),
        results: z.array(
          z.object({
            key: z.uuid(),
            name: z.string(),
            status: z.enum(['passed', 'warning', 'refused', 'unreachable']),
            statusLabel: z.string(),
            message: z.string(),
          }),
        ),
      }),
    },
  },
  startPrint: {
    params: listParams,
    response: { 200: z.object({ jobId: z.uuid(), total: z.number().int().describe('证书数') }) },
  },
  printProgress: {
    params: jobParams,
    response: {
      200: z.object({
        id: z.uuid(),
        status: z.enum(['running', 'done', 'failed']),
        total: z.number().int(),
        done: z.number().int().describe('已生成的证书数'),
        error: z.string().nullable().describe('仅失败时有'),
      }),
    },
  },
  printFile: { params: jobParams },
  certificatePdf: { params: certificateParams },
  detail: { params: certificateParams, response: { 200: certificateDetail } },
  changeState: {
    params: certificateParams,
    body: reasonBody,
    response: { 200: z.object({ status: z.enum(CERTIFICATE_STATUSES), statusLabel: z.string() }) },
  },
  list: { querystring: certificateFilter.extend(pagingQuery), response: { 200: pageOf(certificateRow) } },
  export: { querystring: certificateFilter },
  /** Sent as a JSON download (content-disposition), so no response schema. */
  nationalExport: { querystring: certificateFilter },
};
