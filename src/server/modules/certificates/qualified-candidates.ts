import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { categoryLabel } from '../../../shared/domain/categories.js';
import type { Executor } from '../../db/client.js';
import {
  certificates,
  enterprises,
  examApplications,
  examScores,
  examSessions,
  persons,
  qualifiedListEntries,
  registrations,
} from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { scopeWhere } from '../../http/scope.js';
import { examSessionScope } from '../exams/exam-scope.js';
import { resultOf } from '../exams/list-exams.js';
import { getPassMarks } from '../exams/pass-marks.js';

export type QualifiedCandidate = {
  applicationId: string;
  sessionId: string;
  sessionName: string;
  name: string;
  maskedIdNumber: string;
  category: string;
  categoryLabel: string;
  ticketNumber: string | null;
  enterpriseName: string | null;
  theory: number | null;
  practical: number | null;
};

/**
 * 统计合格人员成绩: the passed candidates of the given 考场 (of the caller's
 * city, exam held) who are on no live list and hold no certificate from that
 * registration yet. Pass/fail follows from the scores and the pass marks.
 */
export async function qualifiedCandidates(exec: Executor, actor: Actor, sessionIds: string[]): Promise<QualifiedCandidate[]> {
  if (sessionIds.length === 0) return [];
  const marks = await getPassMarks(exec);
  const rows = await exec
    .select({
      a: examApplications,
      s: examSessions,
      score: examScores,
      name: persons.name,
      masked: persons.idNumberMasked,
      otherName: registrations.otherWorkTypeName,
      enterpriseName: enterprises.name,
    })
    .from(examApplications)
    .innerJoin(examSessions, eq(examSessions.id, examApplications.sessionId))
    .innerJoin(examScores, eq(examScores.applicationId, examApplications.id))
    .innerJoin(persons, eq(persons.id, examApplications.personId))
    .innerJoin(registrations, eq(registrations.id, examApplications.registrationId))
    .leftJoin(enterprises, eq(enterprises.id, registrations.enterpriseId))
    .leftJoin(
      qualifiedListEntries,
      and(eq(qualifiedListEntries.applicationId, examApplications.id), eq(qualifiedListEntries.active, true)),
    )
    .leftJoin(certificates, eq(certificates.registrationId, examApplications.registrationId))
    .where(
      and(
        scopeWhere(actor, examSessionScope),
        inArray(examApplications.sessionId, sessionIds),
        inArray(examSessions.status, ['held', 'scores_complete']),
        inArray(examApplications.status, ['active', 'completed']),
        isNull(qualifiedListEntries.listId),
        isNull(certificates.id),
      ),
    )
    .orderBy(asc(examSessions.startsAt), asc(examApplications.seatNumber));
  return rows.flatMap(({ a, s, score, name, masked, otherName, enterpriseName }) => {
    const result = resultOf(a.category, score, marks);
    if (!result?.passed) return [];
    return [
      {
        applicationId: a.id,
        sessionId: s.id,
        sessionName: s.name,
        name,
        maskedIdNumber: masked,
        category: a.category,
        categoryLabel: categoryLabel(a.category, otherName),
        ticketNumber: a.ticketNumber,
        enterpriseName,
        theory: result.theory,
        practical: result.practical,
      },
    ];
  });
}
