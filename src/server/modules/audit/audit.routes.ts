import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { only } from '../../http/actor.js';
import { formatDateTime, sendExcel } from '../../http/excel.js';
import { dateString, EXPORT_LIMIT, pagingQuery } from '../../http/paging.js';
import { AUDIT_ACTION_KEYS, AUDIT_ACTIONS } from './audit-actions.js';
import { searchAudit } from './search-audit.js';

// 三权分立: only the audit administrator reads the audit log.
const AUDITOR = only('auditadmin');
const filterQuery = {
  from: dateString.optional(),
  to: dateString.optional(),
  action: z.enum(AUDIT_ACTION_KEYS).optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  keyword: z.string().trim().max(64).optional(),
};
const OUTCOME_LABELS = { success: '成功', failure: '失败', denied: '拒绝' } as const;

export const auditRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/audit/actions', { config: { access: AUDITOR } }, async () =>
      Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label })),
    );

    app.get(
      '/api/audit',
      { config: { access: AUDITOR }, schema: { querystring: z.object({ ...filterQuery, ...pagingQuery }) } },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return searchAudit(deps, filter, { page, pageSize });
      },
    );

    app.get(
      '/api/audit/export',
      { config: { access: AUDITOR }, schema: { querystring: z.object(filterQuery) } },
      async (request, reply) => {
        const { rows } = await searchAudit(deps, request.query, { page: 1, pageSize: EXPORT_LIMIT });
        return sendExcel(
          reply,
          '审计日志',
          [
            { header: '时间', width: 20, value: (r) => formatDateTime(new Date(r.at)) },
            { header: '操作人', value: (r) => r.actorName },
            { header: '角色', value: (r) => r.actorRole },
            { header: '来源地址', value: (r) => r.ip },
            { header: '操作', value: (r) => r.actionLabel },
            { header: '对象', width: 40, value: (r) => r.targetText ?? '' },
            { header: '结果', value: (r) => OUTCOME_LABELS[r.outcome] },
            { header: '详情', width: 50, value: (r) => JSON.stringify(r.detail) },
          ],
          rows,
        );
      },
    );
  };
