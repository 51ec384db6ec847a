import { and, eq, exists } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/client.js';
import { certificates, continuingEnrolments, courseCategories, courses } from '../../db/schema/index.js';
import { requireActor, type Actor, type RequestContext } from '../../http/actor.js';
import { AppError, notFound } from '../../http/errors.js';
import { inScope } from '../../http/scope.js';
import { certificateScope } from '../certificates/certificate-scope.js';
import { notifyHolder } from '../notifications/notify.js';
import { continuingSeconds } from './continuing-hours.js';

/** Continuing-education courses (published) that serve a category: what an enterprise may enrol a holder in. */
export async function continuingCoursesFor(exec: Executor, category: string) {
  return exec
    .select({ id: courses.id, title: courses.title })
    .from(courses)
    .where(
      and(
        eq(courses.continuing, true),
        eq(courses.published, true),
        exists(
          exec
            .select({ one: courseCategories.courseId })
            .from(courseCategories)
            .where(and(eq(courseCategories.courseId, courses.id), eq(courseCategories.category, category))),
        ),
      ),
    );
}

/** What the 继续教育报名 dialog shows for one of the caller's certificates: the courses of its category, the hours done. */
export async function continuingOptions(deps: Deps, actor: Actor, certificateId: string) {
  const [c] = await deps.db
    .select()
    .from(certificates)
    .where(inScope(actor, certificateScope, eq(certificates.id, certificateId)));
  if (!c) throw notFound('证书');
  return { courses: await continuingCoursesFor(deps.db, c.category), seconds: await continuingSeconds(deps.db, c.id) };
}

/** 继续教育报名: the holder's enterprise enrols a 有效 certificate in a continuing course of its category; the holder is told. */
export async function enrolContinuing(deps: Deps, ctx: RequestContext, certificateId: string, courseId: string) {
  const actor = requireActor(ctx);
  return deps.db.transaction(async (tx) => {
    const [c] = await tx
      .select()
      .from(certificates)
      .where(inScope(actor, certificateScope, eq(certificates.id, certificateId)));
    if (!c) throw notFound('证书');
    if (c.status !== 'valid') throw new AppError('INVALID_STATE', '只有有效的证书可以报名继续教育');
    const offered = await continuingCoursesFor(tx, c.category);
    const course = offered.find((o) => o.id === courseId);
    if (!course) throw new AppError('VALIDATION', '课程：请选择适用于该类别的继续教育课程', 'courseId');
    const inserted = await tx
      .insert(continuingEnrolments)
      .values({ certificateId, courseId, enrolledBy: actor.accountId })
      .onConflictDoNothing()
      .returning();
    if (inserted.length)
      await notifyHolder(tx, c.personId, {
        title: '已报名继续教育',
        body: `单位已为您报名继续教育课程「${course.title}」（证书 ${c.number}），请登录后在“在线学习”中学习。`,
        link: '/study',
      });
    return { enrolled: true, alreadyEnrolled: inserted.length === 0 };
  });
}
