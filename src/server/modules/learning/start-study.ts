import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { captures, lessonProgress, studySessions } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { getStudyRules } from './study-rules.js';
import { loadStudyableLesson } from './study-access.js';

/**
 * Starts studying a lesson on this device. Any other active session of the
 * person ends (taken over) in the same transaction: one device earns at a time.
 * The first snapshot is due at once, so every credited second rests on one.
 */
export async function startStudy(deps: Deps, ctx: RequestContext, lessonId: string) {
  const actor = requireActor(ctx);
  const rules = await getStudyRules(deps.db);
  return deps.db.transaction(async (tx) => {
    const lesson = await loadStudyableLesson(tx, actor, lessonId);
    const now = deps.now();
    const tookOver = await tx
      .update(studySessions)
      .set({ endedAt: now, endReason: 'taken_over' })
      .where(and(eq(studySessions.personId, actor.personId!), isNull(studySessions.endedAt)))
      .returning({ id: studySessions.id });
    const [session] = await tx
      .insert(studySessions)
      .values({ personId: actor.personId!, lessonId, startedAt: now, lastHeartbeatAt: now })
      .returning({ id: studySessions.id });
    const [capture] = await tx
      .insert(captures)
      .values({
        sessionId: session.id,
        personId: actor.personId!,
        lessonId,
        dueAt: now,
        windowEndsAt: new Date(now.getTime() + rules.captureWindowSeconds * 1000),
      })
      .returning();
    const [progress] = await tx
      .insert(lessonProgress)
      .values({ personId: actor.personId!, lessonId })
      .onConflictDoUpdate({ target: [lessonProgress.personId, lessonProgress.lessonId], set: { updatedAt: sql`now()` } })
      .returning();
    return {
      sessionId: session.id,
      tookOverAnotherDevice: tookOver.length > 0,
      furthestSeconds: progress.furthestSeconds,
      durationSeconds: lesson.durationSeconds,
      capture: { id: capture.id, dueAt: capture.dueAt.toISOString(), windowEndsAt: capture.windowEndsAt.toISOString() },
    };
  });
}
