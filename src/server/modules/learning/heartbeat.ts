import { and, desc, eq } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { captures, lessonProgress, lessons, studyLedger, studySessions } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { AppError, notFound } from '../../http/errors.js';
import { accrue } from './accrual.js';
import { getStudyRules } from './study-rules.js';
import { beijingDayStart, creditedForLesson, creditedSince } from './study-totals.js';

export type HeartbeatInput = { position: number; playing: boolean; visible: boolean };

/**
 * A heartbeat from the study page (~ every 30 s). The server clock decides how
 * much time passed; the accrual rules decide how much of it counts; every
 * second, credited or refused, lands in the ledger with its reason.
 */
export async function heartbeat(deps: Deps, ctx: RequestContext, sessionId: string, input: HeartbeatInput) {
  const actor = requireActor(ctx);
  const rules = await getStudyRules(deps.db);
  return deps.db.transaction(async (tx) => {
    const [session] = await tx.select().from(studySessions)
      .where(and(eq(studySessions.id, sessionId), eq(studySessions.personId, actor.personId ?? '')))
      .for('update');
    if (!session) throw notFound('学习记录');
    if (session.endedAt) {
      throw new AppError('INVALID_STATE', session.endReason === 'taken_over' ? '您已在其他设备上开始学习，本页面已停止计时' : '本次学习已结束，请重新进入课程');
    }
    const now = deps.now();
    const [lesson] = await tx.select({ durationSeconds: lessons.durationSeconds }).from(lessons).where(eq(lessons.id, session.lessonId));
    const [progress] = await tx.select().from(lessonProgress).where(and(eq(lessonProgress.personId, session.personId), eq(lessonProgress.lessonId, session.lessonId)));

    // Snapshots: an overdue request is missed and replaced by one due now; credit rests on the last received one.
    const recent = await tx.select().from(captures).where(eq(captures.sessionId, sessionId)).orderBy(desc(captures.dueAt)).limit(5);
    let pending = recent.find((c) => c.status === 'pending');
    let overdue = false;
    if (pending && pending.windowEndsAt < now) {
      overdue = true;
      await tx.update(captures).set({ status: 'missed' }).where(eq(captures.id, pending.id));
      [pending] = await tx.insert(captures).values({
        sessionId, personId: session.personId, lessonId: session.lessonId, dueAt: now,
        windowEndsAt: new Date(now.getTime() + rules.captureWindowSeconds * 1000),
      }).returning();
    }
    // Credit rests on the newest received snapshot, unless a later request was missed (or the
    // newest was judged not the candidate):
    // then nothing counts until a new snapshot arrives.
    const settled = recent.filter((c) => c.status !== 'pending');
    const snapshotId = !overdue && settled[0]?.status === 'received' ? settled[0].id : null;

    const forLesson = await creditedForLesson(tx, session.personId, session.lessonId);
    const today = await creditedSince(tx, session.personId, beijingDayStart(now));
    const result = accrue({
      now,
      lastHeartbeatAt: session.lastHeartbeatAt,
      reportedPosition: input.position,
      furthestPosition: progress?.furthestSeconds ?? 0,
      playing: input.playing,
      visible: input.visible,
      lessonDurationSeconds: lesson.durationSeconds,
      creditedForLesson: forLesson,
      creditedToday: today,
      snapshotId,
    }, rules);

    // Ledger rows lie end to end, ending now: refused parts first, the credited part last.
    let cursor = now.getTime();
    const rows: (typeof studyLedger.$inferInsert)[] = [];
    const push = (seconds: number, valid: boolean, reason: string | null) => {
      const from = cursor - seconds * 1000;
      rows.push({ personId: session.personId, lessonId: session.lessonId, sessionId, captureId: valid ? snapshotId : null, fromAt: new Date(from), toAt: new Date(cursor), seconds, valid, invalidReason: reason });
      cursor = from;
    };
    if (result.credited > 0) push(result.credited, true, null);
    for (const part of [...result.invalid].reverse()) push(part.seconds, false, part.reason);
    if (rows.length) await tx.insert(studyLedger).values(rows);
    await tx.update(studySessions).set({ lastHeartbeatAt: now }).where(eq(studySessions.id, sessionId));
    if (progress && result.furthestPosition > progress.furthestSeconds) {
      await tx.update(lessonProgress).set({ furthestSeconds: result.furthestPosition, updatedAt: now })
        .where(and(eq(lessonProgress.personId, session.personId), eq(lessonProgress.lessonId, session.lessonId)));
    }
    const due = pending && pending.dueAt <= now ? pending : null;
    return {
      credited: result.credited,
      refused: result.invalid,
      positionRefused: result.positionRefused,
      furthestSeconds: result.furthestPosition,
      lessonCreditedSeconds: forLesson + result.credited,
      todayCreditedSeconds: today + result.credited,
      capture: due ? { id: due.id, dueAt: due.dueAt.toISOString(), windowEndsAt: due.windowEndsAt.toISOString() } : null,
    };
  });
}
