import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { captures } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { AppError, notFound } from '../../http/errors.js';
import { accrue } from './accrual.js';
import { getStudyRules } from './study-rules.js';
import { beijingDayStart } from './study-totals.js';
import { rowsOf } from '../../db/client.js';

export type HeartbeatInput = { position: number; playing: boolean; visible: boolean };

type CaptureRow = { id: string; status: 'pending' | 'received' | 'missed' | 'rejected'; due_at: string; window_ends_at: string };

/**
 * Everything a heartbeat needs, in one round trip: the session, the lesson
 * length, how far the player got, the credited totals (from the ledger) and
 * the latest snapshot requests.
 */
async function readState(deps: Deps, sessionId: string, personId: string, dayStart: Date) {
  const result = await deps.db.execute(sql`
    SELECT s.person_id, s.lesson_id, s.ended_at, s.end_reason,
      s.last_heartbeat_at::text AS last_text, (extract(epoch from s.last_heartbeat_at) * 1000)::float8 AS last_ms,
      l.duration_seconds,
      coalesce(lp.furthest_seconds, 0) AS furthest,
      (SELECT coalesce(sum(seconds), 0) FROM study_ledger WHERE person_id = s.person_id AND lesson_id = s.lesson_id AND valid)::int AS for_lesson,
      (SELECT coalesce(sum(seconds), 0) FROM study_ledger WHERE person_id = s.person_id AND from_at >= ${dayStart.toISOString()}::timestamptz AND valid)::int AS today,
      (SELECT coalesce(json_agg(c ORDER BY c.due_at DESC), '[]'::json) FROM
        (SELECT id, status, due_at, window_ends_at FROM captures WHERE session_id = s.id ORDER BY due_at DESC LIMIT 5) c) AS recent
    FROM study_sessions s
    JOIN lessons l ON l.id = s.lesson_id
    LEFT JOIN lesson_progress lp ON lp.person_id = s.person_id AND lp.lesson_id = s.lesson_id
    WHERE s.id = ${sessionId} AND s.person_id = ${personId}`);
  const row = rowsOf<Record<string, unknown>>(result)[0];
  if (!row) return null;
  const recent = (typeof row.recent === 'string' ? JSON.parse(row.recent) : row.recent) as CaptureRow[];
  return {
    lessonId: row.lesson_id as string,
    lastHeartbeatAt: new Date(Number(row.last_ms)),
    /** Exact database value (microseconds) for the optimistic check of the write. */
    lastHeartbeatText: row.last_text as string,
    endedAt: row.ended_at,
    endReason: row.end_reason as string | null,
    durationSeconds: Number(row.duration_seconds),
    furthest: Number(row.furthest),
    forLesson: Number(row.for_lesson),
    today: Number(row.today),
    recent: recent.map((c) => ({ ...c, dueAt: new Date(c.due_at), windowEndsAt: new Date(c.window_ends_at) })),
  };
}

/**
 * A heartbeat from the study page (~ every 30 s). The server clock decides how
 * much time passed; the accrual rules decide how much of it counts; every
 * second, credited or refused, lands in the ledger with its reason.
 *
 * Hot path: one read, then one atomic write that only applies if no other
 * heartbeat of this session got there first (last_heartbeat_at unchanged) and
 * the session is still the active one — no lock held across round trips.
 */
export async function heartbeat(deps: Deps, ctx: RequestContext, sessionId: string, input: HeartbeatInput) {
  const actor = requireActor(ctx);
  const rules = await getStudyRules(deps.db);
  const now = deps.now();
  const state = await readState(deps, sessionId, actor.personId ?? '00000000-0000-0000-0000-000000000000', beijingDayStart(now));
  if (!state) throw notFound('学习记录');
  if (state.endedAt) {
    throw new AppError('INVALID_STATE', state.endReason === 'taken_over' ? '您已在其他设备上开始学习，本页面已停止计时' : '本次学习已结束，请重新进入课程');
  }
  const personId = actor.personId!;

  // Snapshots: an overdue request is missed and replaced by one due now (rare; its own transaction).
  let pending = state.recent.find((c) => c.status === 'pending');
  let overdue = false;
  if (pending && pending.windowEndsAt < now) {
    overdue = true;
    const missedId = pending.id;
    const [fresh] = await deps.db.transaction(async (tx) => {
      const marked = await tx.update(captures).set({ status: 'missed' }).where(and(eq(captures.id, missedId), eq(captures.status, 'pending'))).returning({ id: captures.id });
      if (marked.length === 0) return [];
      return tx.insert(captures).values({
        sessionId, personId, lessonId: state.lessonId, dueAt: now, windowEndsAt: new Date(now.getTime() + rules.captureWindowSeconds * 1000),
      }).returning();
    });
    pending = fresh ? { id: fresh.id, status: 'pending', due_at: '', window_ends_at: '', dueAt: fresh.dueAt, windowEndsAt: fresh.windowEndsAt } : undefined;
  }
  // Credit rests on the newest received snapshot, unless a later request was missed (or the
  // newest was judged not the candidate): then nothing counts until a new snapshot arrives.
  const settled = state.recent.filter((c) => c.status !== 'pending');
  const snapshotId = !overdue && settled[0]?.status === 'received' ? settled[0].id : null;

  const result = accrue({
    now,
    lastHeartbeatAt: state.lastHeartbeatAt,
    reportedPosition: input.position,
    furthestPosition: state.furthest,
    playing: input.playing,
    visible: input.visible,
    lessonDurationSeconds: state.durationSeconds,
    creditedForLesson: state.forLesson,
    creditedToday: state.today,
    snapshotId,
  }, rules);

  // Ledger rows lie end to end, ending now: the credited part last, refused parts before it.
  let cursor = now.getTime();
  const rows: ReturnType<typeof sql>[] = [];
  const push = (seconds: number, valid: boolean, reason: string | null) => {
    const from = cursor - seconds * 1000;
    rows.push(sql`(${personId}::uuid, ${state.lessonId}::uuid, ${sessionId}::uuid, ${valid ? snapshotId : null}::uuid,
      ${new Date(from).toISOString()}::timestamptz, ${new Date(cursor).toISOString()}::timestamptz, ${seconds}::int, ${valid}::boolean, ${reason}::text)`);
    cursor = from;
  };
  if (result.credited > 0) push(result.credited, true, null);
  for (const part of [...result.invalid].reverse()) push(part.seconds, false, part.reason);

  const ledgerInsert = rows.length
    ? sql`, ledger AS (
        INSERT INTO study_ledger (person_id, lesson_id, session_id, capture_id, from_at, to_at, seconds, valid, invalid_reason)
        SELECT * FROM (VALUES ${sql.join(rows, sql`, `)}) AS v(person_id, lesson_id, session_id, capture_id, from_at, to_at, seconds, valid, invalid_reason)
        WHERE EXISTS (SELECT 1 FROM sess))`
    : sql``;
  const written = await deps.db.execute(sql`
    WITH sess AS (
      UPDATE study_sessions SET last_heartbeat_at = ${now.toISOString()}::timestamptz
      WHERE id = ${sessionId} AND last_heartbeat_at = ${state.lastHeartbeatText}::timestamptz AND ended_at IS NULL
      RETURNING id
    )${ledgerInsert}, progress AS (
      UPDATE lesson_progress SET furthest_seconds = greatest(furthest_seconds, ${result.furthestPosition}::int), updated_at = ${now.toISOString()}::timestamptz
      WHERE person_id = ${personId} AND lesson_id = ${state.lessonId} AND EXISTS (SELECT 1 FROM sess)
    )
    SELECT count(*)::int AS n FROM sess`);
  if (Number(rowsOf<{ n: number }>(written)[0]!.n) === 0) {
    throw new AppError('INVALID_STATE', '学习状态已变化（可能在其他设备继续学习或重复提交），请刷新页面');
  }

  const due = pending && pending.dueAt <= now ? pending : null;
  return {
    credited: result.credited,
    refused: result.invalid,
    positionRefused: result.positionRefused,
    furthestSeconds: Math.max(state.furthest, result.furthestPosition),
    lessonCreditedSeconds: state.forLesson + result.credited,
    todayCreditedSeconds: state.today + result.credited,
    capture: due ? { id: due.id, dueAt: due.dueAt.toISOString(), windowEndsAt: due.windowEndsAt.toISOString() } : null,
  };
}
