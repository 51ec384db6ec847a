import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { ticketNumber } from '../../../shared/domain/exam-session.js';
import { requiredHoursFor, SECONDS_PER_STUDY_HOUR } from '../../../shared/domain/study-rules.js';
import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/client.js';
import { rowsOf, violatedUniqueIndex } from '../../db/client.js';
import { examApplications, examScores, examSessionCategories, examSessions, registrations } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { AppError, notFound } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { planSecondsOfRegistration } from '../learning/study-progress.js';
import { getStudyRules } from '../learning/study-rules.js';
import { resultOf } from './list-exams.js';
import { getPassMarks } from './pass-marks.js';

const FULL = '该考场座位已满，请选择其他考场';

/** The one-live-application-per-registration index said no (not any other unique index). */
const isDuplicateApplication = (err: unknown) => violatedUniqueIndex(err) === 'exam_applications_live_idx';

/** A final passing result from an earlier sitting of this registration (a fail may sit again, a pass may not). */
export async function hasPassed(exec: Executor, registrationId: string): Promise<boolean> {
  const sittings = await exec.select({ category: examApplications.category, score: examScores }).from(examApplications)
    .innerJoin(examScores, eq(examScores.applicationId, examApplications.id))
    .where(and(eq(examApplications.registrationId, registrationId), eq(examApplications.status, 'completed')));
  const marks = await getPassMarks(exec);
  return sittings.some((s) => resultOf(s.category, s.score, marks)?.passed);
}

/**
 * 申请考场: an approved candidate who reached the hours takes a seat. The seat
 * is one free row taken with FOR UPDATE SKIP LOCKED in the same transaction,
 * so however many processes race, a room never holds more than its capacity.
 */
export async function applyForExam(deps: Deps, ctx: RequestContext, sessionId: string): Promise<{ id: string; seatNumber: number; ticketNumber: string }> {
  const actor = requireActor(ctx);
  const rules = await getStudyRules(deps.db);
  const now = deps.now();
  try {
    return await deps.db.transaction(async (tx) => {
      const [session] = await tx.select().from(examSessions).where(eq(examSessions.id, sessionId));
      if (!session || session.status === 'draft') throw notFound('考场');
      if (session.status !== 'published') throw new AppError('INVALID_STATE', '该考场已截止申请');
      if (now < session.applicationsOpenAt) throw new AppError('INVALID_STATE', '该考场尚未开始接受申请');
      if (now > session.applicationsCloseAt) throw new AppError('INVALID_STATE', '该考场申请时间已截止');
      // A full room answers at once: in a rush most requests end here, before any write.
      const free = await tx.execute(sql`SELECT 1 FROM exam_seats WHERE session_id = ${sessionId} AND application_id IS NULL LIMIT 1`);
      if (rowsOf(free).length === 0) throw new AppError('CONFLICT', FULL);
      const categories = (await tx.select().from(examSessionCategories).where(eq(examSessionCategories.sessionId, sessionId))).map((c) => c.category);
      const [registration] = await tx
        .select({ id: registrations.id, category: registrations.category, done: planSecondsOfRegistration() })
        .from(registrations)
        .where(and(
          eq(registrations.personId, actor.personId ?? ''), eq(registrations.status, 'approved'), isNull(registrations.deletedAt),
          eq(registrations.jurisdictionCode, session.jurisdictionCode), inArray(registrations.category, categories),
        ));
      if (!registration) throw new AppError('FORBIDDEN', '您在该地区没有本考场适用类别的已审核报名');
      if (await hasPassed(tx, registration.id)) throw new AppError('INVALID_STATE', '您已通过该类别的考试，无需再次申请考场');
      const required = requiredHoursFor(rules, registration.category);
      if (registration.done < required * SECONDS_PER_STUDY_HOUR) {
        throw new AppError('FORBIDDEN', `学时未达到要求：已完成 ${Math.floor((registration.done / SECONDS_PER_STUDY_HOUR) * 10) / 10} 学时，需 ${required} 学时`);
      }
      const [application] = await tx.insert(examApplications).values({
        sessionId, registrationId: registration.id, personId: actor.personId!, jurisdictionCode: session.jurisdictionCode, category: registration.category,
      }).returning({ id: examApplications.id });
      const seat = await tx.execute(sql`
        UPDATE exam_seats SET application_id = ${application.id}
        WHERE (session_id, seat_number) = (
          SELECT session_id, seat_number FROM exam_seats
          WHERE session_id = ${sessionId} AND application_id IS NULL
          ORDER BY seat_number LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING seat_number`);
      const seatNumber = rowsOf<{ seat_number: number }>(seat)[0]?.seat_number;
      if (!seatNumber) throw new AppError('CONFLICT', FULL);
      const ticket = ticketNumber(session.year!, session.jurisdictionCode, session.sequence!, seatNumber);
      await tx.update(examApplications).set({ seatNumber, ticketNumber: ticket }).where(eq(examApplications.id, application.id));
      await recordAudit(tx, ctx, { action: 'exam_application.applied', outcome: 'success', targetType: 'exam_application', targetId: application.id, jurisdictionCode: session.jurisdictionCode, detail: { sessionId, seatNumber } });
      return { id: application.id, seatNumber, ticketNumber: ticket };
    });
  } catch (err) {
    if (isDuplicateApplication(err)) throw new AppError('CONFLICT', '您已申请了该类别的考场，不能重复申请；如需更换请先退考');
    throw err;
  }
}
