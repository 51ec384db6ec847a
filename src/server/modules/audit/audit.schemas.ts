import { z } from 'zod';
import { dateString, pagingQuery } from '../../http/paging.js';
import { isoDateTime, pageOf } from '../../http/schemas.js';
import { AUDIT_ACTION_KEYS } from './audit-actions.js';

const outcome = z.enum(['success', 'failure', 'denied']);
const filterQuery = {
  from: dateString.optional(),
  to: dateString.optional(),
  action: z.enum(AUDIT_ACTION_KEYS).optional(),
  outcome: outcome.optional(),
  keyword: z.string().trim().max(64).optional(),
};

/** One event of the audit log, with the words the screen shows for its action and object. */
export const auditEvent = z.object({
  id: z.number().int(),
  at: isoDateTime,
  actorAccountId: z.uuid().nullable(),
  actorRole: z.string().nullable().describe('角色代码'),
  actorName: z.string().nullable(),
  ip: z.string().nullable().describe('来源地址'),
  action: z.string().describe('操作代码，如 auth.login'),
  targetType: z.string().nullable().describe('对象类型代码'),
  targetId: z.string().nullable(),
  outcome,
  jurisdictionCode: z.string().nullable(),
  detail: z.unknown().describe('事件详情（JSON 对象）'),
  actionLabel: z.string(),
  targetText: z.string().nullable().describe('对象的文字描述，如「证书 · 吉建安C2（2026）0000001」'),
});

export const auditSchemas = {
  actions: { response: { 200: z.array(z.object({ value: z.string().describe('操作代码'), label: z.string() })) } },
  search: { querystring: z.object({ ...filterQuery, ...pagingQuery }), response: { 200: pageOf(auditEvent) } },
  export: { querystring: z.object(filterQuery) },
};
