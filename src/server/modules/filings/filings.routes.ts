import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import { only, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { readSingleFile } from '../../http/multipart.js';
import { ok } from '../../http/schemas.js';
import { approveFiling, returnFiling } from './decide-filing.js';
import { filingsSchemas as s } from './filings.schemas.js';
import { commitFilings, filingTemplate, previewFilings } from './import-filings.js';
import { listFilings } from './list-filings.js';
import { submitFiling } from './submit-filings.js';

const ENTERPRISE = only('enterprise');
const CITY = only('city');
const IMPORT_MAX_BYTES = 30 * 1024 * 1024;

export const filingsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const actorOf = (request: FastifyRequest) => requireActor(requestContext(request));

    app.get(
      '/api/filings',
      {
        config: { access: only('enterprise', 'city', 'province') },
        schema: s.list,
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
        schema: s.submit,
      },
      async (request) => submitFiling(deps, requestContext(request), request.body),
    );
    app.get('/api/filings/template', { config: { access: ENTERPRISE } }, async (_request, reply) =>
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('原持证人员备案模板')}.xlsx`)
        .send(await filingTemplate()),
    );
    app.post('/api/filings/import/preview', { config: { access: ENTERPRISE }, schema: s.importPreview }, async (request) =>
      previewFilings(deps, requestContext(request), await readSingleFile(request, IMPORT_MAX_BYTES)),
    );
    app.post('/api/filings/import/commit', { config: { access: ENTERPRISE }, schema: s.importCommit }, async (request) =>
      commitFilings(deps, requestContext(request), await readSingleFile(request, IMPORT_MAX_BYTES)),
    );

    // —— city: 核验 ——
    app.post('/api/filings/:id/approve', { config: { access: CITY }, schema: s.approve }, async (request) =>
      approveFiling(deps, requestContext(request), request.params.id, request.body?.overrideReason),
    );
    app.post(
      '/api/filings/:id/return',
      { config: { access: CITY }, schema: { ...s.return, response: { 200: ok } } },
      async (request) => {
        await returnFiling(deps, requestContext(request), request.params.id, request.body.reason);
        return { ok: true as const };
      },
    );
  };
