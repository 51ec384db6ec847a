import { desc, eq, ilike, inArray } from 'drizzle-orm';
import { categoryLabel } from '../../../shared/domain/categories.js';
import type { Deps } from '../../deps.js';
import { examApplications, examScores, examSessions, persons, registrations } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { EXPORT_LIMIT } from '../../http/paging.js';
import { inScope } from '../../http/scope.js';
import { resultOf } from './list-exams.js';
import { getPassMarks } from './pass-marks.js';
import { containsPattern } from '../../db/client.js';

/** An enterprise's people are those whose registration names it as employer. */
const employerScope = { enterprise: registrations.enterpriseId };

/**
 * 成绩查询 for an enterprise: its people's sittings that have a result, newest
 * first; filtered by name, category and verdict in the page that shows them.
 */
export async function employerResults(
  deps: Deps,
  actor: Actor,
  filter: { name?: string; category?: string; outcome?: 'passed' | 'failed' },
) {
  const marks = await getPassMarks(deps.db);
  const name = filter.name?.trim();
  const rows = await deps.db
    .select({
      a: examApplications,
      s: examSessions,
      score: examScores,
      name: persons.name,
      masked: persons.idNumberMasked,
      otherName: registrations.otherWorkTypeName,
    })
    .from(examApplications)
    .innerJoin(registrations, eq(registrations.id, examApplications.registrationId))
    .innerJoin(persons, eq(persons.id, examApplications.personId))
    .innerJoin(examSessions, eq(examSessions.id, examApplications.sessionId))
    .innerJoin(examScores, eq(examScores.applicationId, examApplications.id))
    .where(
      inScope(
        actor,
        employerScope,
        inArray(examApplications.status, ['active', 'completed']),
        name ? ilike(persons.name, containsPattern(name)) : undefined,
        filter.category ? eq(examApplications.category, filter.category) : undefined,
      ),
    )
    .orderBy(desc(examSessions.startsAt), desc(examApplications.id))
    .limit(EXPORT_LIMIT);
  return rows
    .map(({ a, s, score, name: personName, masked, otherName }) => {
      const result = resultOf(a.category, score, marks)!;
      return {
        id: a.id,
        name: personName,
        maskedIdNumber: masked,
        categoryLabel: categoryLabel(a.category, otherName),
        ticketNumber: a.ticketNumber,
        sessionName: s.name,
        examDate: s.startsAt.toISOString(),
        theory: result.theory,
        practical: result.practical,
        passed: result.passed,
        label: result.label,
      };
    })
    .filter((r) => !filter.outcome || (filter.outcome === 'passed') === r.passed);
}
