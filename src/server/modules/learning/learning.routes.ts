import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CATEGORY_CODES } from '../../../shared/domain/categories.js';
import type { Deps } from '../../deps.js';
import { only, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { sendRange } from '../../http/send-range.js';
import { readSingleFile } from '../../http/multipart.js';
import { heartbeat } from './heartbeat.js';
import { addLesson, createCourse, lessonVideo, listManagedCourses, setCoursePublished } from './manage-courses.js';
import { listCaptures, readCaptureImage, rejectCapture } from './review-captures.js';
import { startStudy } from './start-study.js';
import { studyLessonView } from './study-access.js';
import { studyOverview } from './study-overview.js';
import { hoursReachedCounts, registrationProgress } from './study-progress.js';
import { submitCapture } from './submit-capture.js';

const AUTHORS = only('training', 'province');
const CANDIDATE = only('candidate');
const uuid = (label: string) => z.object({ id: z.uuid(`${label}编号格式错误`) });
const MAX_VIDEO_BYTES = 200 * 1024 * 1024;

export const learningRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const actorOf = (request: FastifyRequest) => requireActor(requestContext(request));

    // —— course authors: training institutions and the province ——
    app.get('/api/courses/managed', { config: { access: AUTHORS } }, async (request) =>
      listManagedCourses(deps, actorOf(request)),
    );
    app.post(
      '/api/courses',
      {
        config: { access: AUTHORS, idempotent: true },
        schema: {
          body: z.object({
            title: z.string().max(60, '不能超过60个字符'),
            description: z.string().max(500, '不能超过500个字符').optional(),
            categories: z.array(z.enum(CATEGORY_CODES)).max(20),
            continuing: z.boolean().optional(),
          }),
        },
      },
      async (request) => createCourse(deps, requestContext(request), request.body),
    );
    app.post(
      '/api/courses/:id/publish',
      { config: { access: AUTHORS }, schema: { params: uuid('课程'), body: z.object({ published: z.boolean() }) } },
      async (request) => {
        await setCoursePublished(deps, requestContext(request), request.params.id, request.body.published);
        return { ok: true };
      },
    );
    app.post(
      '/api/courses/:id/lessons/document',
      {
        config: { access: AUTHORS },
        schema: {
          params: uuid('课程'),
          body: z.object({
            title: z.string().max(60, '不能超过60个字符'),
            body: z.string().max(50_000, '正文过长'),
            minutes: z.number().int('应为整数'),
          }),
        },
      },
      async (request) => addLesson(deps, requestContext(request), request.params.id, { kind: 'document', ...request.body }),
    );
    app.post(
      '/api/courses/:id/lessons/video',
      {
        config: { access: AUTHORS },
        schema: {
          params: uuid('课程'),
          querystring: z.object({
            title: z.string().max(60, '不能超过60个字符'),
            durationSeconds: z.coerce.number().int('应为整数'),
          }),
        },
      },
      async (request) =>
        addLesson(deps, requestContext(request), request.params.id, {
          kind: 'video',
          title: request.query.title,
          durationSeconds: request.query.durationSeconds,
          video: await readSingleFile(request, MAX_VIDEO_BYTES),
        }),
    );

    // —— candidates studying ——
    app.get('/api/study/overview', { config: { access: CANDIDATE } }, async (request) => studyOverview(deps, actorOf(request)));
    app.get('/api/study/lessons/:id', { config: { access: CANDIDATE }, schema: { params: uuid('课时') } }, async (request) =>
      studyLessonView(deps.db, actorOf(request), request.params.id),
    );
    app.get(
      '/api/study/lessons/:id/video',
      { config: { access: only('candidate', 'training', 'province') }, schema: { params: uuid('课时') } },
      async (request, reply) => {
        const video = await lessonVideo(deps.db, actorOf(request), request.params.id);
        return sendRange(request, reply, deps.storage, video.key, video.mime);
      },
    );
    app.post(
      '/api/study/lessons/:id/start',
      { config: { access: CANDIDATE }, schema: { params: uuid('课时') } },
      async (request) => startStudy(deps, requestContext(request), request.params.id),
    );
    app.post(
      '/api/study/sessions/:id/heartbeat',
      {
        config: { access: CANDIDATE },
        schema: {
          params: uuid('学习记录'),
          body: z.object({ position: z.number().min(0).max(100_000), playing: z.boolean(), visible: z.boolean() }),
        },
      },
      async (request) => heartbeat(deps, requestContext(request), request.params.id, request.body),
    );
    app.post('/api/study/captures/:id', { config: { access: CANDIDATE }, schema: { params: uuid('抓拍') } }, async (request) =>
      submitCapture(deps, requestContext(request), request.params.id, await readSingleFile(request, 5 * 1024 * 1024)),
    );

    // —— progress and review ——
    app.get(
      '/api/registrations/:id/progress',
      { config: { access: only('candidate', 'enterprise', 'city', 'province') }, schema: { params: uuid('报名') } },
      async (request) => registrationProgress(deps, actorOf(request), request.params.id),
    );
    app.get('/api/review/hours-reached', { config: { access: only('city', 'province') } }, async (request) => ({
      rows: await hoursReachedCounts(deps, actorOf(request)),
    }));
    app.get(
      '/api/review/registrations/:id/captures',
      { config: { access: only('city', 'province') }, schema: { params: uuid('报名') } },
      async (request) => listCaptures(deps, actorOf(request), request.params.id),
    );
    app.get(
      '/api/captures/:id/image',
      { config: { access: only('candidate', 'city', 'province') }, schema: { params: uuid('抓拍') } },
      async (request, reply) =>
        reply
          .type('image/jpeg')
          .header('cache-control', 'private, no-store')
          .send(await readCaptureImage(deps, actorOf(request), request.params.id)),
    );
    app.post(
      '/api/review/captures/:id/reject',
      {
        config: { access: only('city') },
        schema: { params: uuid('抓拍'), body: z.object({ reason: z.string().max(200, '不能超过200个字符') }) },
      },
      async (request) => rejectCapture(deps, requestContext(request), request.params.id, request.body.reason),
    );
  };
