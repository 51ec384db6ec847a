import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { only, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { continuingSchemas as s } from './continuing.schemas.js';
import { continuingOptions, enrolContinuing } from './enrol-continuing.js';
import { decideExtension, listExtensions, requestExtension } from './extensions.js';

export const continuingRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    // —— 继续教育报名 (enterprise, for its own holders) ——
    app.get('/api/certificates/:id/continuing', { config: { access: only('enterprise') }, schema: s.options }, async (request) =>
      continuingOptions(deps, requireActor(requestContext(request)), request.params.id),
    );
    app.post('/api/certificates/:id/continuing', { config: { access: only('enterprise') }, schema: s.enrol }, async (request) =>
      enrolContinuing(deps, requestContext(request), request.params.id, request.body.courseId),
    );

    // —— 延期申请 → 延期审核 ——
    app.get(
      '/api/extensions',
      { config: { access: only('enterprise', 'city', 'province') }, schema: s.extensions },
      async (request) => listExtensions(deps, requireActor(requestContext(request)), request.query.status),
    );
    app.post(
      '/api/certificates/:id/extension',
      { config: { access: only('enterprise') }, schema: s.requestExtension },
      async (request) => requestExtension(deps, requestContext(request), request.params.id),
    );
    app.post('/api/extensions/:id/decide', { config: { access: only('city') }, schema: s.decideExtension }, async (request) =>
      decideExtension(deps, requestContext(request), request.params.id, request.body.approve, request.body.reason),
    );
  };
