import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { only, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { confirmAccountIdentity, detachAccount } from './confirm-account-identity.js';
import { listUnconfirmedAccounts } from './unconfirmed-accounts.js';

const idParams = z.object({ id: z.uuid('账号编号格式错误') });

export const identityRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/identity-confirmations', { config: { access: only('enterprise', 'city') } }, async (request) => ({
      rows: await listUnconfirmedAccounts(deps, requireActor(requestContext(request))),
    }));
    app.post(
      '/api/identity-confirmations/:id/confirm',
      { config: { access: only('enterprise', 'city') }, schema: { params: idParams } },
      async (request) => {
        await confirmAccountIdentity(deps, requestContext(request), request.params.id);
        return { ok: true };
      },
    );
    app.post(
      '/api/identity-confirmations/:id/detach',
      {
        config: { access: only('city') },
        schema: { params: idParams, body: z.object({ reason: z.string().max(200, '不能超过200个字符') }) },
      },
      async (request) => {
        await detachAccount(deps, requestContext(request), request.params.id, request.body.reason);
        return { ok: true };
      },
    );
  };
