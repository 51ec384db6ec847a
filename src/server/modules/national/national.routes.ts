import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { only, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { listNationalReports, retryNationalReports } from './national-reports.js';
import { nationalSchemas as s } from './national.schemas.js';

/** 全国平台上报: the feed's backlog and failures, and 重新上报, for the authorities in their scope. */
export const nationalRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/national-reports', { config: { access: only('city', 'province') }, schema: s.list }, async (request) =>
      listNationalReports(deps, requireActor(requestContext(request)), request.query),
    );
    app.post(
      '/api/certificates/:id/national-retry',
      { config: { access: only('city', 'province') }, schema: s.retry },
      async (request) => retryNationalReports(deps, requestContext(request), request.params.id),
    );
  };
