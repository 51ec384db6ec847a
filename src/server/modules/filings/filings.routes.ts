import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CATEGORY_CODES } from '../../../shared/domain/categories.js';
import type { Deps } from '../../deps.js';
import { FILING_STATUSES } from '../../db/schema/index.js';
import { only, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { readSingleFile } from '../../http/multipart.js';
import { pagingQuery } from '../../http/paging.js';
import { approveFiling, returnFiling } from './decide-filing.js';
import { commitFilings, filingTemplate, previewFilings } from './import-filings.js';
import { listFilings } from './list-filings.js';
import { submitFiling } from './submit-filings.js';

const ENTERPRISE = only('enterprise');
const CITY = only('city');
const IMPORT_MAX_BYTES = 30 * 1024 * 1024;
const idParams = z.object({ id: z.uuid('备案编号格式错误') });
const text = (max: number) => z.string().max(max, `不能超过${max}个字符`);

export const filingsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const actorOf = (request: FastifyRequest) => requireActor(requestContext(request));

    app.get(
      '/api/filings',
      {
        config: { access: only('enterprise', 'city', 'province') },
        schema: {
          querystring: z.object({
            status: z.enum(FILING_STATUSES, '状态无效').optional(),
            q: text(40).optional(),
            ...pagingQuery,
          }),
        },
      },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return listFilings(deps, actorOf(request), filter, { page, pageSize });
      },
    );

    // —— enterprise: one by form, or many by workbook (template → preview → commit) ——
    app.post(
      '/api/filings',
      {
        config: { access: ENTERPRISE, idempotent: true },
        schema: {
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
        },
      },
      async (request) => submitFiling(deps, requestContext(request), request.body),
    );
    app.get('/api/filings/template', { config: { access: ENTERPRISE } }, async (_request, reply) =>
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('原持证人员备案模板')}.xlsx`)
        .send(await filingTemplate()),
    );
    app.post('/api/filings/import/preview', { config: { access: ENTERPRISE } }, async (request) =>
      previewFilings(deps, requestContext(request), await readSingleFile(request, IMPORT_MAX_BYTES)),
    );
    app.post('/api/filings/import/commit', { config: { access: ENTERPRISE } }, async (request) =>
      commitFilings(deps, requestContext(request), await readSingleFile(request, IMPORT_MAX_BYTES)),
    );

    // —— city: 核验 ——
    app.post('/api/filings/:id/approve', { config: { access: CITY }, schema: { params: idParams } }, async (request) =>
      approveFiling(deps, requestContext(request), request.params.id),
    );
    app.post(
      '/api/filings/:id/return',
      { config: { access: CITY }, schema: { params: idParams, body: z.object({ reason: text(200) }) } },
      async (request) => {
        await returnFiling(deps, requestContext(request), request.params.id, request.body.reason);
        return { ok: true };
      },
    );
  };
