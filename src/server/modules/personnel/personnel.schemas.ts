import { z } from 'zod';
import { CATEGORY_CODES } from '../../../shared/domain/categories.js';
import { CERTIFICATE_STATUSES } from '../../../shared/domain/certificate.js';
import { calendarDate, isoDateTime, policiesOf } from '../../http/schemas.js';

const text = (max: number) => z.string().max(max, `不能超过${max}个字符`);
const changeParams = z.object({ id: z.uuid('申请编号格式错误') });
const maskedIdNumber = z.string().describe('脱敏身份证号');

const personnelQuery = z.object({
  name: text(30).optional(),
  category: z.enum(CATEGORY_CODES, '类别无效').optional(),
  status: z.enum([...CERTIFICATE_STATUSES, 'none'], '证书状态无效').optional(),
  expiringWithinDays: z.coerce.number().int('应为整数').min(0, '不能小于0').max(3650, '不能超过3650').optional(),
});

export const personnelSchemas = {
  // —— 本企业人员信息查询 ——
  list: {
    querystring: personnelQuery,
    response: {
      200: z.array(
        z.object({
          key: z.uuid().describe('行标识（报名或证书编号）'),
          personId: z.uuid(),
          name: z.string(),
          maskedIdNumber,
          category: z.string().describe('类别/工种代码'),
          categoryLabel: z.string(),
          registrationStatus: z.string().nullable().describe('报名状态（文字）；无报名为 null'),
          hours: z.number().nullable().describe('已完成学时（保留一位小数）；无报名为 null'),
          examResult: z.string().nullable().describe('最近一次考试结果'),
          certificateId: z.uuid().nullable(),
          number: z.string().nullable().describe('证书编号'),
          expiresOn: calendarDate.nullable(),
          status: z.enum(CERTIFICATE_STATUSES).nullable().describe('证书状态；无证书为 null'),
          statusLabel: z.string().nullable(),
          policies: policiesOf('requestExtension', 'enrolContinuing'),
        }),
      ),
    },
  },
  export: { querystring: personnelQuery },
  lookup: {
    querystring: z.object({ idNumber: text(30).optional(), number: text(40).optional() }),
    response: {
      200: z.object({
        rows: z.array(
          z.object({
            id: z.uuid(),
            number: z.string().describe('证书编号'),
            name: z.string(),
            maskedIdNumber,
            categoryLabel: z.string(),
            enterpriseName: z.string().nullable().describe('当前聘用企业'),
            ours: z.boolean().describe('证书已在本企业'),
            issuedOn: calendarDate,
            expiresOn: calendarDate,
            status: z.enum(CERTIFICATE_STATUSES),
            statusLabel: z.string(),
          }),
        ),
      }),
    },
  },

  // —— 人员变更申请 → 审核 ——
  changes: {
    querystring: z.object({ status: z.enum(['pending', 'approved', 'returned', 'cancelled'], '状态无效').optional() }),
    response: {
      200: z.array(
        z.object({
          id: z.uuid(),
          kind: z.enum(['transfer', 'details', 'rename']),
          kindLabel: z.string(),
          certificateId: z.uuid().nullable().describe('企业更名为 null'),
          number: z.string().nullable().describe('证书编号'),
          categoryLabel: z.string().nullable(),
          name: z.string().nullable(),
          maskedIdNumber: maskedIdNumber.nullable(),
          enterpriseName: z.string().describe('申请企业'),
          fromEnterpriseName: z.string().nullable().describe('调出企业'),
          newJob: z.string().nullable(),
          newTitle: z.string().nullable(),
          newEnterpriseName: z.string().nullable(),
          reason: z.string(),
          status: z.enum(['pending', 'approved', 'returned', 'cancelled']),
          statusLabel: z.string(),
          createdAt: isoDateTime,
          decisionReason: z.string().nullable(),
          holderConfirmed: z.boolean().nullable().describe('调入：持证人是否已同意；其他类型为 null'),
          policies: policiesOf('approve', 'return'),
        }),
      ),
    },
  },
  requestChange: {
    body: z.discriminatedUnion(
      'kind',
      [
        z.object({ kind: z.literal('transfer'), certificateId: z.uuid('证书编号格式错误'), reason: text(200) }),
        z.object({
          kind: z.literal('details'),
          certificateId: z.uuid('证书编号格式错误'),
          reason: text(200),
          newJob: text(50).nullish(),
          newTitle: text(50).nullish(),
        }),
        z.object({ kind: z.literal('rename'), reason: text(200), newEnterpriseName: text(100) }),
      ],
      '变更类型无效',
    ),
    response: { 200: z.object({ id: z.uuid() }) },
  },
  decideChange: {
    params: changeParams,
    body: z.object({
      approve: z.boolean('请选择审核结果'),
      reason: text(200).optional(),
      overrideReason: text(200).optional().describe('全国平台无法连接时，仍要通过调入的原因'),
    }),
    response: { 200: z.object({ status: z.enum(['approved', 'returned']) }) },
  },

  // —— the holder answers a transfer (调入) ——
  myTransferRequests: {
    response: {
      200: z.object({
        rows: z.array(
          z.object({
            id: z.uuid(),
            certificateId: z.uuid().nullable(),
            number: z.string().describe('证书编号'),
            categoryLabel: z.string(),
            toEnterpriseName: z.string().describe('申请调入的企业'),
            reason: z.string(),
            createdAt: isoDateTime,
            confirmed: z.boolean().describe('本人已同意'),
          }),
        ),
      }),
    },
  },
  answerTransfer: {
    params: changeParams,
    body: z.object({ agree: z.boolean('请选择是否同意') }),
    response: {
      200: z.object({
        status: z.enum(['pending', 'returned']).describe('同意后仍待主管部门审核；不同意即退回'),
        confirmed: z.boolean(),
      }),
    },
  },
};
