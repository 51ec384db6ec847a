import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { PUBLIC } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { enterpriseRoster, searchPublicEnterprises } from './enterprise-roster.js';
import { LookupLog } from './lookup-log.js';
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
        schema: {
          querystring: z.object({
            number: z.string().max(40, '不能超过40个字符').optional(),
            name: z.string().max(30, '不能超过30个字符').optional(),
            idNumber: z.string().max(30, '不能超过30个字符').optional(),
          }),
        },
      },
      async (request) => ({ rows: await searchCertificates(deps, log, requestContext(request), request.query) }),
    );
    app.get(
      '/api/public/certificates/verify/:token',
      {
        config,
        schema: { params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, '核验链接无效') }) },
      },
      async (request) => verifyCertificate(deps, log, requestContext(request), request.params.token),
    );
    app.get(
      '/api/public/enterprises',
      {
        config,
        schema: { querystring: z.object({ q: z.string().max(60, '不能超过60个字符') }) },
      },
      async (request) => ({ rows: await searchPublicEnterprises(deps, request.query.q) }),
    );
    app.get(
      '/api/public/enterprises/:id',
      {
        config,
        schema: { params: z.object({ id: z.uuid('企业编号格式错误') }) },
      },
      async (request) => enterpriseRoster(deps, log, requestContext(request), request.params.id),
    );
  };
