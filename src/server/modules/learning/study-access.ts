import { and, eq, exists, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { courseCategories, courses, lessons, registrations } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { AppError, notFound } from '../../http/errors.js';

/** Categories in which the person has an approved registration: only those may be studied. */
export async function approvedCategories(exec: Executor, personId: string): Promise<string[]> {
  const rows = await exec
    .select({ category: registrations.category })
    .from(registrations)
    .where(and(eq(registrations.personId, personId), eq(registrations.status, 'approved'), isNull(registrations.deletedAt)));
  return rows.map((r) => r.category);
}

/** A lesson of a published course in the plan of one of the candidate's approved categories. */
export async function loadStudyableLesson(exec: Executor, actor: Actor, lessonId: string) {
  if (!actor.personId) throw notFound('课程');
  const categories = await approvedCategories(exec, actor.personId);
  if (categories.length === 0) throw new AppError('FORBIDDEN', '报名审核通过后才能开始学习');
  const [lesson] = await exec
    .select({ lesson: lessons })
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .where(and(
      eq(lessons.id, lessonId),
      eq(courses.published, true),
      exists(exec.select({ one: courseCategories.courseId }).from(courseCategories)
        .where(and(eq(courseCategories.courseId, courses.id), inArray(courseCategories.category, categories)))),
    ));
  if (!lesson) throw notFound('课程');
  return lesson.lesson;
}
