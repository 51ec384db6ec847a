import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { categoryLabel } from '../../../shared/domain/categories.js';
import { requiredHoursFor, SECONDS_PER_STUDY_HOUR } from '../../../shared/domain/study-rules.js';
import type { Deps } from '../../deps.js';
import { courseCategories, courses, lessonProgress, lessons, registrations, studyLedger } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { notFound } from '../../http/errors.js';
import { inScope } from '../../http/scope.js';
import { registrationScope, visibleStatuses } from '../registrations/registration-scope.js';
import { describeCourses } from './manage-courses.js';
import { getStudyRules } from './study-rules.js';

/** Per lesson of the category's plan: required, credited (from the ledger) and how far the player got. */
async function planProgress(deps: Deps, personId: string, category: string) {
  const planCourses = await deps.db
    .select({ course: courses })
    .from(courses)
    .innerJoin(courseCategories, eq(courseCategories.courseId, courses.id))
    .where(and(eq(courseCategories.category, category), eq(courses.published, true), eq(courses.continuing, false)));
  const described = await describeCourses(
    deps.db,
    planCourses.map((c) => c.course),
  );
  const lessonIds = described.flatMap((c) => c.lessons.map((l) => l.id));
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
  const courseViews = described.map((c) => ({
    ...c,
    lessons: c.lessons.map((l) => ({
      ...l,
      creditedSeconds: credited.find((x) => x.lessonId === l.id)?.seconds ?? 0,
      furthestSeconds: furthest.find((x) => x.lessonId === l.id)?.furthestSeconds ?? 0,
    })),
  }));
  const doneSeconds = courseViews.flatMap((c) => c.lessons).reduce((s, l) => s + l.creditedSeconds, 0);
  return { courses: courseViews, doneSeconds };
}

/** Progress of one registration, for whoever may see it (candidate, employer, authority, province). */
export async function registrationProgress(deps: Deps, actor: Actor, registrationId: string) {
  const [r] = await deps.db
    .select()
    .from(registrations)
    .where(
      inScope(
        actor,
        registrationScope,
        eq(registrations.id, registrationId),
        isNull(registrations.deletedAt),
        visibleStatuses(actor),
      ),
    );
  if (!r) throw notFound('报名');
  const rules = await getStudyRules(deps.db);
  const requiredHours = requiredHoursFor(rules, r.category);
  const { courses: plan, doneSeconds } = await planProgress(deps, r.personId, r.category);
  return {
    registrationId: r.id,
    category: r.category,
    categoryLabel: categoryLabel(r.category, r.otherWorkTypeName),
    approved: r.status === 'approved',
    requiredHours,
    doneHours: Math.floor((doneSeconds / SECONDS_PER_STUDY_HOUR) * 10) / 10,
    doneSeconds,
    reached: doneSeconds >= requiredHours * SECONDS_PER_STUDY_HOUR,
    courses: plan,
  };
}

/**
 * Valid study seconds of a registration's person in the lessons of its
 * category's published plan (from the ledger), for a query over `registrations`.
 * The outer columns are written out with their table: inside the subquery a
 * bare "person_id" would mean the ledger's own column.
 */
export function planSecondsOfRegistration() {
  const personId = sql`${registrations}.${sql.identifier('person_id')}`;
  const category = sql`${registrations}.${sql.identifier('category')}`;
  return sql<number>`coalesce((
    select sum(l.seconds) from ${studyLedger} l
    where l.person_id = ${personId} and l.valid
      and l.lesson_id in (select ls.id from ${lessons} ls join ${courseCategories} cc on cc.course_id = ls.course_id
                          join ${courses} c on c.id = ls.course_id where cc.category = ${category} and c.published and not c.continuing)
  ), 0)::int`;
}

/** 查看达到学时人数: per category, approved candidates of the jurisdiction and how many reached the hours. */
export async function hoursReachedCounts(deps: Deps, actor: Actor) {
  const rules = await getStudyRules(deps.db);
  const rows = await deps.db
    .select({
      category: registrations.category,
      seconds: planSecondsOfRegistration(),
    })
    .from(registrations)
    .where(inScope(actor, registrationScope, eq(registrations.status, 'approved'), isNull(registrations.deletedAt)));
  const byCategory = new Map<string, { approved: number; reached: number }>();
  for (const r of rows) {
    const entry = byCategory.get(r.category) ?? { approved: 0, reached: 0 };
    entry.approved += 1;
    if (r.seconds >= requiredHoursFor(rules, r.category) * SECONDS_PER_STUDY_HOUR) entry.reached += 1;
    byCategory.set(r.category, entry);
  }
  return [...byCategory.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, v]) => ({
      category,
      categoryLabel: categoryLabel(category),
      requiredHours: requiredHoursFor(rules, category),
      ...v,
    }));
}
