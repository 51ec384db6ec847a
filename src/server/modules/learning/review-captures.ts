import { ALLOWED, type Policies } from '../../../shared/policies.js';
import { and, desc, eq, exists, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import {
  captures,
  certificates,
  continuingEnrolments,
  courseCategories,
  lessons,
  persons,
  registrations,
  studyLedger,
} from '../../db/schema/index.js';
import { certificateScope } from '../certificates/certificate-scope.js';
import { requireActor, type Actor, type RequestContext } from '../../http/actor.js';
import { AppError, notFound, requireReason } from '../../http/errors.js';
import { scopeWhere } from '../../http/scope.js';
import { recordAudit } from '../audit/record-audit.js';
import { registrationScope } from '../registrations/registration-scope.js';

/** The snapshot's lesson belongs to a course in the plan of the registration's category. */
const lessonOfRegistration = sql`exists (select 1 from ${lessons} l join ${courseCategories} cc on cc.course_id = l.course_id
  where l.id = ${captures.lessonId} and cc.category = ${registrations.category})`;

/**
 * A snapshot is the authority's to review when it was taken while studying for
 * a registration in the authority's scope (a lesson of that category's plan), or
 * for continuing education of a certificate in its scope — not merely because
 * the same person has some registration there.
 */
const personInScope = (deps: Deps, actor: Actor) =>
  or(
    exists(
      deps.db
        .select({ one: registrations.id })
        .from(registrations)
        .where(
          and(
            eq(registrations.personId, captures.personId),
            isNull(registrations.deletedAt),
            scopeWhere(actor, registrationScope),
            lessonOfRegistration,
          ),
        ),
    ),
    exists(
      deps.db
        .select({ one: certificates.id })
        .from(certificates)
        .innerJoin(continuingEnrolments, eq(continuingEnrolments.certificateId, certificates.id))
        .innerJoin(lessons, eq(lessons.courseId, continuingEnrolments.courseId))
        .where(
          and(
            eq(certificates.personId, captures.personId),
            eq(lessons.id, captures.lessonId),
            scopeWhere(actor, certificateScope),
          ),
        ),
    ),
  )!;

/** Snapshots of one candidate (by registration), newest first, beside the registration photo. */
export async function listCaptures(deps: Deps, actor: Actor, registrationId: string) {
  const [r] = await deps.db
    .select({
      personId: registrations.personId,
      category: registrations.category,
      photoFileId: registrations.photoFileId,
      name: persons.name,
    })
    .from(registrations)
    .innerJoin(persons, eq(persons.id, registrations.personId))
    .where(and(eq(registrations.id, registrationId), isNull(registrations.deletedAt), scopeWhere(actor, registrationScope)));
  if (!r) throw notFound('报名');
  const rows = await deps.db
    .select({
      id: captures.id,
      status: captures.status,
      dueAt: captures.dueAt,
      capturedAt: captures.capturedAt,
      rejectReason: captures.rejectReason,
      lessonTitle: lessons.title,
      creditedSeconds: sql<number>`coalesce((select sum(${studyLedger.seconds}) from ${studyLedger} where ${studyLedger.captureId} = ${captures.id} and ${studyLedger.valid}), 0)::int`,
    })
    .from(captures)
    .innerJoin(lessons, eq(lessons.id, captures.lessonId))
    // Only what was taken studying for this registration's category.
    .where(
      and(
        eq(captures.personId, r.personId),
        inArray(captures.status, ['received', 'rejected', 'missed']),
        sql`exists (select 1 from ${courseCategories} cc where cc.course_id = ${lessons.courseId} and cc.category = ${r.category})`,
      ),
    )
    .orderBy(desc(captures.dueAt))
    .limit(200);
  // 非本人 is the city's judgement (the province reads), and only of a snapshot that has a photo and stands.
  const judges = actor.role === 'city';
  return {
    name: r.name,
    photoFileId: r.photoFileId,
    captures: rows.map((c) => ({
      ...c,
      dueAt: c.dueAt.toISOString(),
      capturedAt: c.capturedAt?.toISOString() ?? null,
      policies: (judges && c.status === 'received' ? { reject: ALLOWED } : {}) as Policies<'reject'>,
    })),
  };
}

export async function readCaptureImage(deps: Deps, actor: Actor, captureId: string): Promise<Buffer> {
  const own = actor.personId ? eq(captures.personId, actor.personId) : undefined;
  const [c] = await deps.db
    .select({ storageKey: captures.storageKey })
    .from(captures)
    .where(and(eq(captures.id, captureId), own ?? personInScope(deps, actor)));
  if (!c?.storageKey) throw notFound('抓拍照片');
  return deps.storage.get(c.storageKey);
}

/** "Not the candidate": the snapshot and every interval credited on it become invalid; the totals follow. */
export async function rejectCapture(deps: Deps, ctx: RequestContext, captureId: string, reason: string) {
  const actor = requireActor(ctx);
  const why = requireReason(reason, '请填写判定理由');
  return deps.db.transaction(async (tx) => {
    const [c] = await tx
      .select()
      .from(captures)
      .where(and(eq(captures.id, captureId), personInScope(deps, actor)))
      .for('update');
    if (!c) throw notFound('抓拍照片');
    if (c.status !== 'received')
      throw new AppError('INVALID_STATE', c.status === 'rejected' ? '该抓拍已判定为非本人' : '该抓拍没有照片');
    await tx
      .update(captures)
      .set({ status: 'rejected', rejectedBy: actor.accountId, rejectReason: why })
      .where(eq(captures.id, captureId));
    const invalidated = await tx
      .update(studyLedger)
      .set({ valid: false, invalidReason: 'snapshot_rejected' })
      .where(and(eq(studyLedger.captureId, captureId), eq(studyLedger.valid, true)))
      .returning({ seconds: studyLedger.seconds });
    const seconds = invalidated.reduce((s, r) => s + r.seconds, 0);
    await recordAudit(tx, ctx, {
      action: 'capture.rejected',
      outcome: 'success',
      targetType: 'capture',
      targetId: captureId,
      detail: { reason: why, invalidatedSeconds: seconds },
    });
    return { invalidatedSeconds: seconds };
  });
}
