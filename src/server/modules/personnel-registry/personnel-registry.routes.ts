import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { PUBLIC } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { enterpriseRoster, searchPublicEnterprises } from './enterprise-roster.js';
import { LookupLog } from './lookup-log.js';
import { personnelRegistrySchemas as s } from './personnel-registry.schemas.js';
import { searchCertificates, verifyCertificate } from './public-lookup.js';

/**
 * 诚信平台人员库: no login. Every lookup is written to `public_lookups` (in batches, see LookupLog), and each
 * client address may make `publicLookupsPerMinute` lookups a minute.
 */
export const personnelRegistryRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const rateLimit = { max: deps.config.publicLookupsPerMinute, timeWindow: 60_000 };
    const config = { access: PUBLIC, rateLimit };
    const log = new LookupLog(deps.db);
    app.addHook('onClose', () => log.flush());

    app.get(
      '/api/public/certificates',
      {
        config,
        schema: s.searchCertificates,
      },
      async (request) => ({ rows: await searchCertificates(deps, log, requestContext(request), request.query) }),
    );
    app.get(
      '/api/public/certificates/verify/:token',
      {
        config,
        schema: s.verifyCertificate,
      },
      async (request) => verifyCertificate(deps, log, requestContext(request), request.params.token),
    );
    app.get(
      '/api/public/enterprises',
      {
        config,
        schema: s.searchEnterprises,
      },
      async (request) => ({ rows: await searchPublicEnterprises(deps, request.query.q) }),
    );
    app.get(
      '/api/public/enterprises/:id',
      {
        config,
        schema: s.enterpriseRoster,
      },
      async (request) => enterpriseRoster(deps, log, requestContext(request), request.params.id),
    );
  };
