import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { notifications } from '../../db/schema/index.js';
import { AUTHENTICATED, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { notFound } from '../../http/errors.js';
import { pagingQuery } from '../../http/paging.js';

/** 站内消息: every account reads only its own. */
export const notificationsRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/notifications', { config: { access: AUTHENTICATED }, schema: { querystring: z.object(pagingQuery) } }, async (request) => {
    const actor = requireActor(requestContext(request));
    const mine = eq(notifications.accountId, actor.accountId);
    const [{ total }] = await deps.db.select({ total: count() }).from(notifications).where(mine);
    const [{ unread }] = await deps.db.select({ unread: count() }).from(notifications).where(and(mine, isNull(notifications.readAt)));
    const rows = await deps.db.select().from(notifications).where(mine).orderBy(desc(notifications.createdAt))
      .limit(request.query.pageSize).offset((request.query.page - 1) * request.query.pageSize);
    return { total, unread, rows };
  });

  app.post('/api/notifications/:id/read', { config: { access: AUTHENTICATED }, schema: { params: z.object({ id: z.uuid('消息编号格式错误') }) } }, async (request) => {
    const actor = requireActor(requestContext(request));
    const [row] = await deps.db.update(notifications).set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
      .where(and(eq(notifications.id, request.params.id), eq(notifications.accountId, actor.accountId))).returning({ id: notifications.id });
    if (!row) throw notFound('消息');
    return { ok: true };
  });

  app.post('/api/notifications/read-all', { config: { access: AUTHENTICATED } }, async (request) => {
    const actor = requireActor(requestContext(request));
    await deps.db.update(notifications).set({ readAt: sql`now()` }).where(and(eq(notifications.accountId, actor.accountId), isNull(notifications.readAt)));
    return { ok: true };
  });
};
