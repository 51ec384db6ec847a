import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { requiredHoursFor, SECONDS_PER_STUDY_HOUR } from '../../../shared/domain/study-rules.js';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import {
  captures,
  courseCategories,
  courses,
  lessonProgress,
  lessons,
  studyLedger,
  studySessions,
} from '../../db/schema/index.js';
import { accrue } from '../learning/accrual.js';
import { getStudyRules } from '../learning/study-rules.js';
import { demoImage } from './demo-image.js';

const HEARTBEAT_SECONDS = 30;
const SNAPSHOT_EVERY_SECONDS = 15 * 60;
const DAY_STARTS_AT_BEIJING_HOUR = 9;
const CHUNK = 1000;

/**
 * A demo person's study of the category's plan, as the learning engine would
 * have recorded it: on past days from 09:00 Beijing time, one study session per
 * lesson, a received snapshot every 15 minutes, and a heartbeat every 30 s whose
 * credit is decided by the real rules (learning/accrual.ts: caps, the daily
 * limit, a lesson's end). It goes on until the plan's required hours are reached;
 * its last day is `endDaysAgo + 1` days before today. Returns the credited seconds.
 */
export async function loadDemoStudy(deps: Deps, tx: Tx, personId: string, category: string, endDaysAgo: number): Promise<number> {
  const rules = await getStudyRules(tx);
  const plan = await tx
    .select({ id: lessons.id, duration: lessons.durationSeconds })
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .innerJoin(courseCategories, and(eq(courseCategories.courseId, courses.id), eq(courseCategories.category, category)))
    .where(and(eq(courses.published, true), eq(courses.continuing, false)))
    .orderBy(asc(courses.createdAt), asc(lessons.sortOrder));
  const required = requiredHoursFor(rules, category) * SECONDS_PER_STUDY_HOUR;
  const dailyCap = rules.dailyCapHours * SECONDS_PER_STUDY_HOUR;
  const days = Math.ceil(required / dailyCap);
  const snapshotKey = `demo/${randomUUID()}`;
  await deps.storage.put(snapshotKey, await demoImage(320, 240, '#6b7b8c'));

  const sessionRows: (typeof studySessions.$inferInsert)[] = [];
  const captureRows: (typeof captures.$inferInsert)[] = [];
  const ledgerRows: (typeof studyLedger.$inferInsert)[] = [];
  const progress = new Map<string, number>();
  const today = new Date(Math.floor((deps.now().getTime() + 8 * 3_600_000) / 86_400_000) * 86_400_000 - 8 * 3_600_000);
  let total = 0;
  let lessonIndex = 0;
  const creditedFor = new Map<string, number>();
  for (let day = 0; day < days && total < required && lessonIndex < plan.length; day++) {
    let t = new Date(today.getTime() - (endDaysAgo + days - day) * 86_400_000 + DAY_STARTS_AT_BEIJING_HOUR * 3_600_000);
    let creditedToday = 0;
    while (creditedToday < dailyCap && total < required && lessonIndex < plan.length) {
      const lesson = plan[lessonIndex]!;
      const sessionId = randomUUID();
      const startedAt = t;
      let furthest = progress.get(lesson.id) ?? 0;
      let snapshotId: string | null = null;
      let lastSnapshotAt = -Infinity;
      let lessonDone = false;
      while (!lessonDone && creditedToday < dailyCap && total < required) {
        if (t.getTime() - lastSnapshotAt >= SNAPSHOT_EVERY_SECONDS * 1000) {
          snapshotId = randomUUID();
          lastSnapshotAt = t.getTime();
          captureRows.push({
            id: snapshotId,
            sessionId,
            personId,
            lessonId: lesson.id,
            dueAt: t,
            windowEndsAt: new Date(t.getTime() + rules.captureWindowSeconds * 1000),
            status: 'received',
            capturedAt: t,
            storageKey: snapshotKey,
          });
        }
        const now = new Date(t.getTime() + HEARTBEAT_SECONDS * 1000);
        const credited = creditedFor.get(lesson.id) ?? 0;
        const a = accrue(
          {
            now,
            lastHeartbeatAt: t,
            reportedPosition: Math.min(lesson.duration, furthest + HEARTBEAT_SECONDS),
            furthestPosition: furthest,
            playing: true,
            visible: true,
            lessonDurationSeconds: lesson.duration,
            creditedForLesson: credited,
            creditedToday,
            snapshotId,
          },
          rules,
        );
        // The rows lie end to end up to `now`, credited part last (as heartbeat.ts writes them).
        let cursor = now.getTime();
        if (a.credited > 0) {
          ledgerRows.push({
            personId,
            lessonId: lesson.id,
            sessionId,
            captureId: snapshotId,
            fromAt: new Date(cursor - a.credited * 1000),
            toAt: new Date(cursor),
            seconds: a.credited,
            valid: true,
          });
          cursor -= a.credited * 1000;
        }
        for (const part of [...a.invalid].reverse()) {
          ledgerRows.push({
            personId,
            lessonId: lesson.id,
            sessionId,
            fromAt: new Date(cursor - part.seconds * 1000),
            toAt: new Date(cursor),
            seconds: part.seconds,
            valid: false,
            invalidReason: part.reason,
          });
          cursor -= part.seconds * 1000;
        }
        furthest = a.furthestPosition;
        creditedFor.set(lesson.id, credited + a.credited);
        creditedToday += a.credited;
        total += a.credited;
        t = now;
        if (credited + a.credited >= lesson.duration) lessonDone = true;
      }
      progress.set(lesson.id, furthest);
      sessionRows.push({ id: sessionId, personId, lessonId: lesson.id, startedAt, lastHeartbeatAt: t, endedAt: t });
      if (lessonDone) lessonIndex += 1;
    }
  }
  for (let i = 0; i < sessionRows.length; i += CHUNK) await tx.insert(studySessions).values(sessionRows.slice(i, i + CHUNK));
  for (let i = 0; i < captureRows.length; i += CHUNK) await tx.insert(captures).values(captureRows.slice(i, i + CHUNK));
  for (let i = 0; i < ledgerRows.length; i += CHUNK) await tx.insert(studyLedger).values(ledgerRows.slice(i, i + CHUNK));
  if (progress.size)
    await tx.insert(lessonProgress).values(
      [...progress].map(([lessonId, furthestSeconds]) => ({
        personId,
        lessonId,
        furthestSeconds: Math.floor(furthestSeconds),
      })),
    );
  return total;
}
