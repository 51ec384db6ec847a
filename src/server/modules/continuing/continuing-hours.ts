import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import { validityPeriodStart } from '../../../shared/domain/certificate.js';
import type { Executor } from '../../db/client.js';
import { certificates, continuingEnrolments, lessons, studyLedger } from '../../db/schema/index.js';

/**
 * Continuing-education seconds of a certificate's validity period: valid ledger
 * time of its holder in the lessons of the courses enrolled for it, since the
 * certificate's issue (or last extension's) date. Like every total, a sum over
 * the ledger.
 */
export async function continuingSeconds(exec: Executor, certificateId: string): Promise<number> {
  const [c] = await exec.select({ personId: certificates.personId, expiresOn: certificates.expiresOn, category: certificates.category }).from(certificates).where(eq(certificates.id, certificateId));
  if (!c) return 0;
  const enrolled = exec.select({ id: lessons.id }).from(lessons)
    .innerJoin(continuingEnrolments, eq(continuingEnrolments.courseId, lessons.courseId))
    .where(eq(continuingEnrolments.certificateId, certificateId));
  const [row] = await exec.select({ seconds: sql<number>`coalesce(sum(${studyLedger.seconds}), 0)::int` }).from(studyLedger)
    .where(and(eq(studyLedger.personId, c.personId), eq(studyLedger.valid, true), inArray(studyLedger.lessonId, enrolled), gte(studyLedger.fromAt, new Date(`${validityPeriodStart(c.expiresOn, c.category)}T00:00:00+08:00`))));
  return row?.seconds ?? 0;
}
