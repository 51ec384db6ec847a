import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { notifications } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { notFound } from '../../http/errors.js';

// 站内消息 belong to one account: every query here is bounded by the caller's own id.
const mine = (actor: Actor) => eq(notifications.accountId, actor.accountId);

/** The caller's messages, newest first, with the unread count the menu shows. */
export async function listNotifications(deps: Deps, actor: Actor, paging: { page: number; pageSize: number }) {
  const [{ total }] = await deps.db.select({ total: count() }).from(notifications).where(mine(actor));
  const [{ unread }] = await deps.db
    .select({ unread: count() })
    .from(notifications)
    .where(and(mine(actor), isNull(notifications.readAt)));
  const rows = await deps.db
    .select()
    .from(notifications)
    .where(mine(actor))
    .orderBy(desc(notifications.createdAt))
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize);
  return {
    total,
    unread,
    rows: rows.map((n) => ({
      id: n.id,
      title: n.title,
      body: n.body,
      link: n.link,
      readAt: n.readAt?.toISOString() ?? null,
      createdAt: n.createdAt.toISOString(),
    })),
  };
}

/** Marks one message read (the first reading time is kept); another account's message is not found. */
export async function markNotificationRead(deps: Deps, actor: Actor, id: string): Promise<void> {
  const [row] = await deps.db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), mine(actor)))
    .returning({ id: notifications.id });
  if (!row) throw notFound('消息');
}

export async function markAllNotificationsRead(deps: Deps, actor: Actor): Promise<void> {
  await deps.db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(mine(actor), isNull(notifications.readAt)));
}
