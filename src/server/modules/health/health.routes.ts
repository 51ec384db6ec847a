import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { isMigrated } from '../../db/client.js';
import { PUBLIC } from '../../http/actor.js';
import { healthSchemas as s } from './health.schemas.js';

export const healthRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/healthz', { config: { access: PUBLIC }, logLevel: 'warn', schema: s.healthz }, async (_request, reply) => {
      try {
        const migrated = await isMigrated(deps.db);
        if (!migrated) return reply.status(503).send({ status: 'migrating', database: deps.database.kind });
        return { status: 'ok' as const, database: deps.database.kind };
      } catch {
        return reply.status(503).send({ status: 'unavailable', database: deps.database.kind });
      }
    });
    // The API described from the routes' own schemas (OpenAPI 3), for integrators such as exam-room vendors.
    app.get('/api/docs', { config: { access: PUBLIC }, schema: s.docs }, async () => app.swagger());
  };
