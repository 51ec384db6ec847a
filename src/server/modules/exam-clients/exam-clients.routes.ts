import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { only, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { listExamClients } from './list-exam-clients.js';
import { issueExamClient } from './issue-exam-client.js';
import { revokeExamClient } from './revoke-exam-client.js';

const CITY = only('city');

export const examClientsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/exam-clients', { config: { access: CITY } }, async (request) =>
      listExamClients(deps, requireActor(requestContext(request))),
    );

    app.post(
      '/api/exam-clients',
      { config: { access: CITY }, schema: { body: z.object({ name: z.string().max(60, '不能超过60个字符') }) } },
      async (request) => issueExamClient(deps, requestContext(request), request.body),
    );

    app.post(
      '/api/exam-clients/:id/revoke',
      { config: { access: CITY }, schema: { params: z.object({ id: z.uuid('凭证编号格式错误') }) } },
      async (request) => {
        await revokeExamClient(deps, requestContext(request), request.params.id);
        return { ok: true };
      },
    );
  };
