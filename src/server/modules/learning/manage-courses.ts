import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, max } from 'drizzle-orm';
import { CATEGORY_CODES, type CategoryCode } from '../../../shared/domain/categories.js';
import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/client.js';
import { courseCategories, courses, lessons } from '../../db/schema/index.js';
import { requireActor, type Actor, type RequestContext } from '../../http/actor.js';
import { AppError, invalid, notFound } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { loadStudyableLesson } from './study-access.js';

/** A lesson of a course the author may manage (the owner; the province manages all), for previewing its video. */
export async function loadAuthoredLesson(exec: Executor, actor: Actor, lessonId: string) {
  const [row] = await exec
    .select({ lesson: lessons })
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .where(and(eq(lessons.id, lessonId), actor.role === 'province' ? undefined : eq(courses.ownerAccountId, actor.accountId)));
  if (!row) throw notFound('视频');
  return row.lesson;
}

/** Courses belong to the institution that made them; the province manages all. */
async function loadOwnCourse(exec: Executor, actor: Actor, id: string) {
  const [course] = await exec
    .select()
    .from(courses)
    .where(and(eq(courses.id, id), actor.role === 'province' ? undefined : eq(courses.ownerAccountId, actor.accountId)));
  if (!course) throw notFound('课程');
  return course;
}

export async function createCourse(
  deps: Deps,
  ctx: RequestContext,
  input: { title: string; description?: string; categories: CategoryCode[]; continuing?: boolean },
) {
  const actor = requireActor(ctx);
  const title = input.title.trim();
  if (title.length < 2) throw new AppError('VALIDATION', '课程名称：请填写课程名称（至少2个字）', 'title');
  const categories = [...new Set(input.categories)].filter((c) => CATEGORY_CODES.includes(c));
  if (categories.length === 0) throw invalid('categories', '请选择课程适用的类别或工种');
  return deps.db.transaction(async (tx) => {
    const [course] = await tx
      .insert(courses)
      .values({
        title,
        description: input.description?.trim() ?? '',
        ownerAccountId: actor.accountId,
        continuing: input.continuing ?? false,
      })
      .returning({ id: courses.id });
    await tx.insert(courseCategories).values(categories.map((category) => ({ courseId: course.id, category })));
    await recordAudit(tx, ctx, {
      action: 'course.created',
      outcome: 'success',
      targetType: 'course',
      targetId: course.id,
      detail: { title, categories, continuing: input.continuing ?? false },
    });
    return course;
  });
}

export async function setCoursePublished(deps: Deps, ctx: RequestContext, id: string, published: boolean) {
  const actor = requireActor(ctx);
  await deps.db.transaction(async (tx) => {
    const course = await loadOwnCourse(tx, actor, id);
    if (published) {
      const [lesson] = await tx.select({ id: lessons.id }).from(lessons).where(eq(lessons.courseId, id)).limit(1);
      if (!lesson) throw new AppError('INVALID_STATE', '课程还没有课时，不能发布');
    }
    await tx.update(courses).set({ published }).where(eq(courses.id, course.id));
    await recordAudit(tx, ctx, {
      action: published ? 'course.published' : 'course.unpublished',
      outcome: 'success',
      targetType: 'course',
      targetId: id,
    });
  });
}

export type NewLesson =
  | { kind: 'document'; title: string; body: string; minutes: number }
  | { kind: 'video'; title: string; video: Buffer; durationSeconds: number };

/** WebM (EBML header) or MP4 (ftyp box), checked by content. */
export function detectVideo(data: Buffer): 'video/webm' | 'video/mp4' | null {
  if (data.length > 4 && data.readUInt32BE(0) === 0x1a45dfa3) return 'video/webm';
  if (data.length > 12 && data.subarray(4, 8).toString('latin1') === 'ftyp') return 'video/mp4';
  return null;
}

export async function addLesson(deps: Deps, ctx: RequestContext, courseId: string, input: NewLesson) {
  const actor = requireActor(ctx);
  const title = input.title.trim();
  if (title.length < 2) throw new AppError('VALIDATION', '课时名称：请填写课时名称（至少2个字）', 'title');
  let video: { key: string; mime: string } | null = null;
  let durationSeconds: number;
  if (input.kind === 'video') {
    const mime = detectVideo(input.video);
    if (!mime) throw invalid('video', '只能上传 MP4 或 WebM 视频（按文件内容识别）');
    if (!Number.isInteger(input.durationSeconds) || input.durationSeconds < 5 || input.durationSeconds > 4 * 3600)
      throw invalid('durationSeconds', '视频时长无效');
    durationSeconds = input.durationSeconds;
    video = { key: `videos/${randomUUID()}`, mime };
    await deps.storage.put(video.key, input.video);
  } else {
    if (input.body.trim().length < 20) throw invalid('body', '请填写课时正文（至少20个字）');
    if (!Number.isInteger(input.minutes) || input.minutes < 1 || input.minutes > 240)
      throw invalid('minutes', '最短阅读时间应为1至240分钟');
    durationSeconds = input.minutes * 60;
  }
  try {
    return await deps.db.transaction(async (tx) => {
      await loadOwnCourse(tx, actor, courseId);
      const [{ last }] = await tx
        .select({ last: max(lessons.sortOrder) })
        .from(lessons)
        .where(eq(lessons.courseId, courseId));
      const [lesson] = await tx
        .insert(lessons)
        .values({
          courseId,
          title,
          kind: input.kind,
          durationSeconds,
          videoStorageKey: video?.key ?? null,
          videoMimeType: video?.mime ?? null,
          body: input.kind === 'document' ? input.body.trim() : null,
          sortOrder: (last ?? 0) + 1,
        })
        .returning({ id: lessons.id });
      await recordAudit(tx, ctx, {
        action: 'course.lesson_added',
        outcome: 'success',
        targetType: 'lesson',
        targetId: lesson.id,
        detail: { courseId, kind: input.kind },
      });
      return lesson;
    });
  } catch (err) {
    if (video) await deps.storage.remove(video.key);
    throw err;
  }
}

/** Courses the caller manages, with their categories and lessons. */
export async function listManagedCourses(deps: Deps, actor: Actor) {
  const rows = await deps.db
    .select()
    .from(courses)
    .where(actor.role === 'province' ? undefined : eq(courses.ownerAccountId, actor.accountId))
    .orderBy(asc(courses.createdAt));
  return describeCourses(deps.db, rows);
}

export async function describeCourses(exec: Executor, rows: (typeof courses.$inferSelect)[]) {
  if (rows.length === 0) return [];
  const ids = rows.map((c) => c.id);
  const cats = await exec.select().from(courseCategories).where(inArray(courseCategories.courseId, ids));
  const ls = await exec
    .select({
      id: lessons.id,
      courseId: lessons.courseId,
      title: lessons.title,
      kind: lessons.kind,
      durationSeconds: lessons.durationSeconds,
      sortOrder: lessons.sortOrder,
    })
    .from(lessons)
    .where(inArray(lessons.courseId, ids))
    .orderBy(asc(lessons.sortOrder));
  return rows.map((c) => ({
    id: c.id,
    title: c.title,
    description: c.description,
    published: c.published,
    continuing: c.continuing,
    categories: cats.filter((x) => x.courseId === c.id).map((x) => x.category),
    lessons: ls.filter((l) => l.courseId === c.id),
    totalSeconds: ls.filter((l) => l.courseId === c.id).reduce((s, l) => s + l.durationSeconds, 0),
  }));
}

/** A lesson's video for whoever may see it: a learner what they may study, an author what they own — never another institution's course. */
export async function lessonVideo(exec: Executor, actor: Actor, lessonId: string): Promise<{ key: string; mime: string }> {
  const lesson =
    actor.role === 'candidate'
      ? await loadStudyableLesson(exec, actor, lessonId)
      : await loadAuthoredLesson(exec, actor, lessonId);
  if (!lesson?.videoStorageKey || !lesson.videoMimeType) throw notFound('视频');
  return { key: lesson.videoStorageKey, mime: lesson.videoMimeType };
}
