import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { AUTHENTICATED, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { pagingQuery } from '../../http/paging.js';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from './read-notifications.js';

/** 站内消息: every account reads only its own. */
export const notificationsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/notifications',
      { config: { access: AUTHENTICATED }, schema: { querystring: z.object(pagingQuery) } },
      async (request) => listNotifications(deps, requireActor(requestContext(request)), request.query),
    );

    app.post(
      '/api/notifications/:id/read',
      { config: { access: AUTHENTICATED }, schema: { params: z.object({ id: z.uuid('消息编号格式错误') }) } },
      async (request) => {
        await markNotificationRead(deps, requireActor(requestContext(request)), request.params.id);
        return { ok: true };
      },
    );

    app.post('/api/notifications/read-all', { config: { access: AUTHENTICATED } }, async (request) => {
      await markAllNotificationsRead(deps, requireActor(requestContext(request)));
      return { ok: true };
    });
  };
