import { z } from 'zod';
import { pagingQuery } from '../../http/paging.js';
import { isoDateTime, pageOf, policiesOf } from '../../http/schemas.js';

const reportStatus = z.enum(['pending', 'sent', 'failed']);

export const nationalReportRow = z.object({
  id: z.number().int(),
  certificateId: z.uuid(),
  number: z.string().describe('证书编号'),
  name: z.string(),
  standard: z.enum(['C0317', 'C0304']),
  operateType: z.string().describe('operateType 代码'),
  label: z.string(),
  status: reportStatus,
  statusLabel: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable().describe('全国平台的拒绝理由或连接错误'),
  createdAt: isoDateTime,
  nextAttemptAt: isoDateTime.nullable(),
  policies: policiesOf('nationalRetry'),
});

/** The national block of a certificate's detail. */
export const certificateNational = z.object({
  identifier: z.string().nullable().describe('电子证照标识'),
  qr: z.string().nullable().describe('全国平台赋码的二维码内容'),
  state: reportStatus,
  stateLabel: z.string(),
  error: z.string().nullable(),
  reports: z.array(
    z.object({
      id: z.number().int(),
      operateType: z.string(),
      label: z.string(),
      identifier: z.string(),
      status: reportStatus,
      statusLabel: z.string(),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      createdAt: isoDateTime,
      sentAt: isoDateTime.nullable(),
    }),
  ),
});

export const nationalSchemas = {
  list: {
    querystring: z.object({ status: z.enum(['failed', 'pending'], '状态只能是 failed 或 pending').optional(), ...pagingQuery }),
    response: {
      200: pageOf(nationalReportRow).extend({
        connected: z.boolean().describe('是否已配置全国平台接口'),
        counts: z.object({
          sent: z.number().int(),
          pending: z.number().int(),
          retrying: z.number().int(),
          failed: z.number().int(),
          oldestPendingAt: isoDateTime.nullable(),
        }),
      }),
    },
  },
  retry: {
    params: z.object({ id: z.uuid('证书编号格式错误') }),
    response: { 200: z.object({ ok: z.literal(true), count: z.number().int() }) },
  },
};
