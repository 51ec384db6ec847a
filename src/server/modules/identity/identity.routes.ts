import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { only, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { ok } from '../../http/schemas.js';
import { confirmAccountIdentity, detachAccount } from './confirm-account-identity.js';
import { identitySchemas as s } from './identity.schemas.js';
import { listUnconfirmedAccounts } from './unconfirmed-accounts.js';

export const identityRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/identity-confirmations',
      { config: { access: only('enterprise', 'city') }, schema: s.list },
      async (request) => ({
        rows: await listUnconfirmedAccounts(deps, requireActor(requestContext(request))),
      }),
    );
    app.post(
      '/api/identity-confirmations/:id/confirm',
      { config: { access: only('enterprise', 'city') }, schema: { ...s.confirm, response: { 200: ok } } },
      async (request) => {
        await confirmAccountIdentity(deps, requestContext(request), request.params.id);
        return { ok: true as const };
      },
    );
    app.post(
      '/api/identity-confirmations/:id/detach',
      { config: { access: only('city') }, schema: { ...s.detach, response: { 200: ok } } },
      async (request) => {
        await detachAccount(deps, requestContext(request), request.params.id, request.body.reason);
        return { ok: true as const };
      },
    );
  };
