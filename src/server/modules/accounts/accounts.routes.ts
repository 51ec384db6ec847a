import { asc } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { jurisdictions } from '../../db/schema/index.js';
import { AUTHENTICATED, only, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { formatDateTime, sendExcel } from '../../http/excel.js';
import { EXPORT_LIMIT } from '../../http/paging.js';
import { ok } from '../../http/schemas.js';
import { accountsSchemas as s } from './accounts.schemas.js';
import { createAccount } from './create-account.js';
import { listAccounts, type AccountRow } from './list-accounts.js';
import { disableAccount, enableAccount, resetAccountPassword, resetAccountTwoFactor, unlockAccount } from './manage-account.js';

const MANAGERS = only('province', 'city', 'sysadmin');
const ISSUERS = only('province', 'city', 'sysadmin');

const STATUS_LABELS: Record<AccountRow['status'], string> = {
  active: '正常',
  disabled: '已停用',
  locked: '已锁定',
  password_pending: '待修改初始密码',
};

export const accountsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/jurisdictions', { config: { access: AUTHENTICATED }, schema: s.jurisdictions }, async () =>
      deps.db.select().from(jurisdictions).orderBy(asc(jurisdictions.sortOrder)),
    );

    app.get('/api/accounts', { config: { access: MANAGERS }, schema: s.list }, async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return listAccounts(deps, requireActor(requestContext(request)), filter, { page, pageSize });
    });

    app.get('/api/accounts/export', { config: { access: MANAGERS }, schema: s.export }, async (request, reply) => {
      const { rows } = await listAccounts(deps, requireActor(requestContext(request)), request.query, {
        page: 1,
        pageSize: EXPORT_LIMIT,
      });
      return sendExcel(
        reply,
        '账号列表',
        [
          { header: '账号', value: (r) => r.username },
          { header: '名称', width: 30, value: (r) => r.displayName },
          { header: '角色', value: (r) => r.roleLabel },
          { header: '所属地区', value: (r) => r.jurisdictionName },
          { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
          { header: '状态', value: (r) => STATUS_LABELS[r.status] },
          { header: '创建时间', width: 20, value: (r) => formatDateTime(new Date(r.createdAt)) },
          { header: '最近登录', width: 20, value: (r) => formatDateTime(r.lastLoginAt ? new Date(r.lastLoginAt) : null) },
        ],
        rows,
      );
    });

    app.post(
      '/api/accounts',
      {
        config: { access: ISSUERS },
        schema: s.create,
      },
      async (request) => createAccount(deps, requestContext(request), request.body),
    );

    app.post(
      '/api/accounts/:id/disable',
      {
        config: { access: MANAGERS },
        schema: { ...s.disable, response: { 200: ok } },
      },
      async (request) => {
        await disableAccount(deps, requestContext(request), request.params.id, request.body.reason);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/accounts/:id/enable',
      { config: { access: MANAGERS }, schema: { ...s.byId, response: { 200: ok } } },
      async (request) => {
        await enableAccount(deps, requestContext(request), request.params.id);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/accounts/:id/unlock',
      { config: { access: MANAGERS }, schema: { ...s.byId, response: { 200: ok } } },
      async (request) => {
        await unlockAccount(deps, requestContext(request), request.params.id);
        return { ok: true as const };
      },
    );

    app.post('/api/accounts/:id/reset-password', { config: { access: MANAGERS }, schema: s.resetPassword }, async (request) =>
      resetAccountPassword(deps, requestContext(request), request.params.id),
    );

    app.post(
      '/api/accounts/:id/reset-two-factor',
      { config: { access: MANAGERS }, schema: { ...s.byId, response: { 200: ok } } },
      async (request) => {
        await resetAccountTwoFactor(deps, requestContext(request), request.params.id);
        return { ok: true as const };
      },
    );
  };
