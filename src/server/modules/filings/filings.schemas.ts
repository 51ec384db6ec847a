import { z } from 'zod';
import { CATEGORY_CODES } from '../../../shared/domain/categories.js';
import { FILING_STATUSES } from '../../db/schema/index.js';
import { pagingQuery } from '../../http/paging.js';
import { calendarDate, isoDateTime, pageOf, policiesOf } from '../../http/schemas.js';

const idParams = z.object({ id: z.uuid('备案编号格式错误') });
const text = (max: number) => z.string().max(max, `不能超过${max}个字符`);

export const filingRow = z.object({
  id: z.uuid(),
  name: z.string(),
  maskedIdNumber: z.string().describe('脱敏身份证号'),
  category: z.string().describe('类别/工种代码'),
  categoryLabel: z.string(),
  number: z.string().describe('证书编号'),
  issuedOn: calendarDate,
  expiresOn: calendarDate,
  enterpriseName: z.string(),
  status: z.enum(FILING_STATUSES),
  statusLabel: z.string(),
  returnReason: z.string().nullable(),
  scanFileId: z.uuid().nullable().describe('证书扫描件；批量导入的备案为空'),
  certificateId: z.uuid().nullable().describe('核验通过后生成的证书'),
  createdAt: isoDateTime,
  imported: z.boolean().describe('是否由批量导入提交'),
  policies: policiesOf('approve', 'return'),
});

export const filingsSchemas = {
  list: {
    querystring: z.object({
      status: z.enum(FILING_STATUSES, '状态无效').optional(),
      q: text(40).optional(),
      ...pagingQuery,
    }),
    response: { 200: pageOf(filingRow) },
  },
  submit: {
    body: z.object({
      name: text(30),
      idNumber: text(30),
      category: z.enum(CATEGORY_CODES, '请选择类别/工种'),
      otherWorkTypeName: text(30).nullish(),
      number: text(40),
      issuedOn: text(10),
      expiresOn: text(10),
      scanFileId: z.uuid('请上传证书扫描件'),
    }),
    response: { 200: z.object({ id: z.uuid() }) },
  },
  importPreview: {
    response: {
      200: z.object({
        total: z.number().int().describe('数据行数'),
        bad: z.number().int().describe('有错误的行数'),
        rows: z
          .array(
            z.object({
              row: z.number().int().describe('工作表中的行号'),
              name: z.string(),
              maskedIdNumber: z.string().describe('脱敏身份证号；无法识别时为前6位加…'),
              category: z.string().describe('所填类别/工种代码'),
              number: z.string().describe('所填证书编号'),
              issuedOn: z.string().describe('所填发证日期（未必是有效日期）'),
              expiresOn: z.string().describe('所填有效期至（未必是有效日期）'),
              ok: z.boolean(),
              message: z.string(),
            }),
          )
          .describe('全部错误行及部分正确行，最多2000行'),
      }),
    },
  },
  importCommit: {
    response: { 200: z.object({ imported: z.number().int().describe('导入条数'), batchId: z.uuid() }) },
  },
  approve: {
    params: idParams,
    body: z
      .object({
        overrideReason: z.string().max(200, '原因不超过200字').optional().describe('全国平台无法连接时，仍要通过的原因'),
      })
      .optional(),
    response: { 200: z.object({ certificateId: z.uuid() }) },
  },
  return: { params: idParams, body: z.object({ reason: text(200) }) },
};
