import { and, eq, exists, inArray, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { certificates, continuingEnrolments, courseCategories, courses, lessons, registrations } from '../../db/schema/index.js';
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

/** Continuing-education courses the person's enterprise enrolled one of their 有效 certificates in. */
async function enrolledContinuingCourses(exec: Executor, personId: string): Promise<string[]> {
  const rows = await exec
    .select({ courseId: continuingEnrolments.courseId })
    .from(continuingEnrolments)
    .innerJoin(certificates, eq(certificates.id, continuingEnrolments.certificateId))
    .where(and(eq(certificates.personId, personId), eq(certificates.status, 'valid')));
  return rows.map((r) => r.courseId);
}

/**
 * A lesson of a published course in the plan of one of the candidate's approved
 * categories, or of a continuing-education course they are enrolled in.
 */
export async function loadStudyableLesson(exec: Executor, actor: Actor, lessonId: string) {
  if (!actor.personId) throw notFound('课程');
  const categories = await approvedCategories(exec, actor.personId);
  // Continuing education belongs to the person's certificates: only a confirmed account reaches it.
  const continuing = actor.identityVerified ? await enrolledContinuingCourses(exec, actor.personId) : [];
  if (categories.length === 0 && continuing.length === 0) throw new AppError('FORBIDDEN', '报名审核通过后才能开始学习');
  const [lesson] = await exec
    .select({ lesson: lessons })
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .where(
      and(
        eq(lessons.id, lessonId),
        eq(courses.published, true),
        or(
          categories.length
            ? and(
                eq(courses.continuing, false),
                exists(
                  exec
                    .select({ one: courseCategories.courseId })
                    .from(courseCategories)
                    .where(and(eq(courseCategories.courseId, courses.id), inArray(courseCategories.category, categories))),
                ),
              )
            : undefined,
          continuing.length ? inArray(courses.id, continuing) : undefined,
        ),
      ),
    );
  if (!lesson) throw notFound('课程');
  return lesson.lesson;
}

/** One lesson as the study page shows it (the video itself is streamed apart). */
export async function studyLessonView(exec: Executor, actor: Actor, lessonId: string) {
  const lesson = await loadStudyableLesson(exec, actor, lessonId);
  return {
    id: lesson.id,
    title: lesson.title,
    kind: lesson.kind,
    durationSeconds: lesson.durationSeconds,
    body: lesson.body,
    hasVideo: !!lesson.videoStorageKey,
  };
}
