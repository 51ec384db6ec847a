import { and, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import { categoryLabel } from '../../../shared/domain/categories.js';
import type { Deps } from '../../deps.js';
import { accounts, examSeats, examSessionCategories, examSessions, registrations } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { notifyAccounts } from '../notifications/notify.js';
import { assertSessionTransition } from './exam-session-state.js';
import { loadSessionForUpdate } from './exam-scope.js';

const PUBLISH_LOCK = 72_026_010;

/**
 * 发布考场: the session gets its yearly sequence number (for ticket numbers),
 * its seats become rows, and approved candidates of the admitted categories in
 * the jurisdiction are told in the app.
 */
export async function publishExamSession(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  const actor = requireActor(ctx);
  await deps.db.transaction(async (tx) => {
    const session = await loadSessionForUpdate(tx, actor, id);
    assertSessionTransition(session.status, 'publish');
    // Sequence numbers per jurisdiction and year: serialized so two publications never take the same.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${PUBLISH_LOCK}, hashtext(${session.jurisdictionCode}))`);
    const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(session.startsAt));
    const [{ last }] = await tx
      .select({ last: max(examSessions.sequence) })
      .from(examSessions)
      .where(and(eq(examSessions.jurisdictionCode, session.jurisdictionCode), eq(examSessions.year, year)));
    await tx
      .update(examSessions)
      .set({ status: 'published', year, sequence: (last ?? 0) + 1, publishedAt: sql`now()` })
      .where(eq(examSessions.id, id));
    await tx.execute(
      sql`INSERT INTO ${examSeats} (session_id, seat_number) SELECT ${id}::uuid, n FROM generate_series(1, ${session.capacity}::int) n`,
    );
    const categories = (await tx.select().from(examSessionCategories).where(eq(examSessionCategories.sessionId, id))).map(
      (c) => c.category,
    );
    const candidates = await tx
      .selectDistinct({ id: accounts.id })
      .from(registrations)
      .innerJoin(accounts, eq(accounts.personId, registrations.personId))
      .where(
        and(
          eq(registrations.jurisdictionCode, session.jurisdictionCode),
          eq(registrations.status, 'approved'),
          isNull(registrations.deletedAt),
          inArray(registrations.category, categories),
        ),
      );
    await notifyAccounts(
      tx,
      candidates.map((c) => c.id),
      {
        title: '新考场已发布',
        body: `${session.name}（${categories.map((c) => categoryLabel(c)).join('、')}），达到学时的学员可在线申请考场。`,
        link: '/exams',
      },
    );
    await recordAudit(tx, ctx, {
      action: 'exam_session.published',
      outcome: 'success',
      targetType: 'exam_session',
      targetId: id,
      detail: { year, sequence: (last ?? 0) + 1, notified: candidates.length },
    });
  });
}

export async function closeExamApplications(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  const actor = requireActor(ctx);
  await deps.db.transaction(async (tx) => {
    const session = await loadSessionForUpdate(tx, actor, id);
    assertSessionTransition(session.status, 'close');
    await tx.update(examSessions).set({ status: 'closed' }).where(eq(examSessions.id, id));
    await recordAudit(tx, ctx, { action: 'exam_session.closed', outcome: 'success', targetType: 'exam_session', targetId: id });
  });
}

export async function markExamHeld(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  const actor = requireActor(ctx);
  await deps.db.transaction(async (tx) => {
    const session = await loadSessionForUpdate(tx, actor, id);
    assertSessionTransition(session.status, 'hold');
    await tx.update(examSessions).set({ status: 'held' }).where(eq(examSessions.id, id));
    await recordAudit(tx, ctx, { action: 'exam_session.held', outcome: 'success', targetType: 'exam_session', targetId: id });
  });
}
