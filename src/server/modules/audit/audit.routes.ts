import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { only } from '../../http/actor.js';
import { formatDateTime, sendExcel } from '../../http/excel.js';
import { EXPORT_LIMIT } from '../../http/paging.js';
import { AUDIT_ACTIONS } from './audit-actions.js';
import { auditSchemas as s } from './audit.schemas.js';
import { searchAudit } from './search-audit.js';

// 三权分立: only the audit administrator reads the audit log.
const AUDITOR = only('auditadmin');
const OUTCOME_LABELS = { success: '成功', failure: '失败', denied: '拒绝' } as const;

export const auditRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/audit/actions', { config: { access: AUDITOR }, schema: s.actions }, async () =>
      Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label })),
    );

    app.get('/api/audit', { config: { access: AUDITOR }, schema: s.search }, async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return searchAudit(deps, filter, { page, pageSize });
    });

    app.get('/api/audit/export', { config: { access: AUDITOR }, schema: s.export }, async (request, reply) => {
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
    });
  };
