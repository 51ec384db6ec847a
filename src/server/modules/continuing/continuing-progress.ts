import { and, eq, inArray, sql } from 'drizzle-orm';
import { categoryLabel } from '../../../shared/domain/categories.js';
import { SECONDS_PER_STUDY_HOUR } from '../../../shared/domain/study-rules.js';
import type { Deps } from '../../deps.js';
import { certificates, continuingEnrolments, courses, lessonProgress, studyLedger } from '../../db/schema/index.js';
import { describeCourses } from '../learning/manage-courses.js';
import { getStudyRules } from '../learning/study-rules.js';
import { continuingSeconds } from './continuing-hours.js';

/**
 * The holder's continuing education, one item per certificate with enrolled
 * courses, in the shape of a registration's study progress so the study page
 * shows both the same way.
 */
export async function continuingProgress(deps: Deps, personId: string) {
  const rules = await getStudyRules(deps.db);
  const mine = await deps.db
    .select({ c: certificates })
    .from(certificates)
    .where(and(eq(certificates.personId, personId), eq(certificates.status, 'valid')));
  const out = [];
  for (const { c } of mine) {
    const enrolled = await deps.db
      .select({ course: courses })
      .from(continuingEnrolments)
      .innerJoin(courses, eq(courses.id, continuingEnrolments.courseId))
      .where(and(eq(continuingEnrolments.certificateId, c.id), eq(courses.published, true)));
    if (!enrolled.length) continue;
    const described = await describeCourses(
      deps.db,
      enrolled.map((e) => e.course),
    );
    const lessonIds = described.flatMap((d) => d.lessons.map((l) => l.id));
    const credited = lessonIds.length
      ? await deps.db
          .select({
            lessonId: studyLedger.lessonId,
            seconds: sql<number>`coalesce(sum(${studyLedger.seconds}) filter (where ${studyLedger.valid}), 0)::int`,
          })
          .from(studyLedger)
          .where(and(eq(studyLedger.personId, personId), inArray(studyLedger.lessonId, lessonIds)))
          .groupBy(studyLedger.lessonId)
      : [];
    const furthest = lessonIds.length
      ? await deps.db
          .select()
          .from(lessonProgress)
          .where(and(eq(lessonProgress.personId, personId), inArray(lessonProgress.lessonId, lessonIds)))
      : [];
    const doneSeconds = await continuingSeconds(deps.db, c.id);
    out.push({
      registrationId: c.id,
      category: c.category,
      categoryLabel: `继续教育 · ${categoryLabel(c.category, c.otherWorkTypeName)}（证书 ${c.number}）`,
      approved: true,
      requiredHours: rules.continuingHours,
      doneHours: Math.floor((doneSeconds / SECONDS_PER_STUDY_HOUR) * 10) / 10,
      doneSeconds,
      reached: doneSeconds >= rules.continuingHours * SECONDS_PER_STUDY_HOUR,
      courses: described.map((d) => ({
        ...d,
        lessons: d.lessons.map((l) => ({
          ...l,
          creditedSeconds: credited.find((x) => x.lessonId === l.id)?.seconds ?? 0,
          furthestSeconds: furthest.find((x) => x.lessonId === l.id)?.furthestSeconds ?? 0,
        })),
      })),
    });
  }
  return out;
}
