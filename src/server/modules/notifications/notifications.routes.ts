import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { AUTHENTICATED, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { ok } from '../../http/schemas.js';
import { notificationsSchemas as s } from './notifications.schemas.js';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from './read-notifications.js';

/** 站内消息: every account reads only its own. */
export const notificationsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/notifications', { config: { access: AUTHENTICATED }, schema: s.list }, async (request) =>
      listNotifications(deps, requireActor(requestContext(request)), request.query),
    );

    app.post(
      '/api/notifications/:id/read',
      { config: { access: AUTHENTICATED }, schema: { ...s.read, response: { 200: ok } } },
      async (request) => {
        await markNotificationRead(deps, requireActor(requestContext(request)), request.params.id);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/notifications/read-all',
      { config: { access: AUTHENTICATED }, schema: { response: { 200: ok } } },
      async (request) => {
        await markAllNotificationsRead(deps, requireActor(requestContext(request)));
        return { ok: true as const };
      },
    );
  };
