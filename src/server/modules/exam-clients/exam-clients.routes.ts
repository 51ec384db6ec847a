import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { only, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { ok } from '../../http/schemas.js';
import { examClientsSchemas as s } from './exam-clients.schemas.js';
import { issueExamClient } from './issue-exam-client.js';
import { listExamClients } from './list-exam-clients.js';
import { revokeExamClient } from './revoke-exam-client.js';

const CITY = only('city');

export const examClientsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/exam-clients', { config: { access: CITY }, schema: s.list }, async (request) =>
      listExamClients(deps, requireActor(requestContext(request))),
    );

    app.post('/api/exam-clients', { config: { access: CITY }, schema: s.issue }, async (request) =>
      issueExamClient(deps, requestContext(request), request.body),
    );

    app.post(
      '/api/exam-clients/:id/revoke',
      { config: { access: CITY }, schema: { ...s.revoke, response: { 200: ok } } },
      async (request) => {
        await revokeExamClient(deps, requestContext(request), request.params.id);
        return { ok: true as const };
      },
    );
  };
