import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import { only, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { sendRange } from '../../http/send-range.js';
import { readSingleFile } from '../../http/multipart.js';
import { ok } from '../../http/schemas.js';
import { heartbeat } from './heartbeat.js';
import { learningSchemas as s } from './learning.schemas.js';
import { addLesson, createCourse, lessonVideo, listManagedCourses, setCoursePublished } from './manage-courses.js';
import { listCaptures, readCaptureImage, rejectCapture } from './review-captures.js';
import { startStudy } from './start-study.js';
import { studyLessonView } from './study-access.js';
import { studyOverview } from './study-overview.js';
import { hoursReachedCounts, registrationProgress } from './study-progress.js';
import { submitCapture } from './submit-capture.js';

const AUTHORS = only('training', 'province');
const CANDIDATE = only('candidate');
const MAX_VIDEO_BYTES = 200 * 1024 * 1024;

export const learningRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const actorOf = (request: FastifyRequest) => requireActor(requestContext(request));

    // —— course authors: training institutions and the province ——
    app.get('/api/courses/managed', { config: { access: AUTHORS }, schema: s.managedCourses }, async (request) =>
      listManagedCourses(deps, actorOf(request)),
    );
    app.post(
      '/api/courses',
      {
        config: { access: AUTHORS, idempotent: true },
        schema: s.createCourse,
      },
      async (request) => createCourse(deps, requestContext(request), request.body),
    );
    app.post(
      '/api/courses/:id/publish',
      { config: { access: AUTHORS }, schema: { ...s.publishCourse, response: { 200: ok } } },
      async (request) => {
        await setCoursePublished(deps, requestContext(request), request.params.id, request.body.published);
        return { ok: true as const };
      },
    );
    app.post('/api/courses/:id/lessons/document', { config: { access: AUTHORS }, schema: s.addDocumentLesson }, async (request) =>
      addLesson(deps, requestContext(request), request.params.id, { kind: 'document', ...request.body }),
    );
    app.post('/api/courses/:id/lessons/video', { config: { access: AUTHORS }, schema: s.addVideoLesson }, async (request) =>
      addLesson(deps, requestContext(request), request.params.id, {
        kind: 'video',
        title: request.query.title,
        durationSeconds: request.query.durationSeconds,
        video: await readSingleFile(request, MAX_VIDEO_BYTES),
      }),
    );

    // —— candidates studying ——
    app.get('/api/study/overview', { config: { access: CANDIDATE }, schema: s.overview }, async (request) =>
      studyOverview(deps, actorOf(request)),
    );
    app.get('/api/study/lessons/:id', { config: { access: CANDIDATE }, schema: s.lesson }, async (request) =>
      studyLessonView(deps.db, actorOf(request), request.params.id),
    );
    app.get(
      '/api/study/lessons/:id/video',
      { config: { access: only('candidate', 'training', 'province') }, schema: s.lessonVideo },
      async (request, reply) => {
        const video = await lessonVideo(deps.db, actorOf(request), request.params.id);
        return sendRange(request, reply, deps.storage, video.key, video.mime);
      },
    );
    app.post('/api/study/lessons/:id/start', { config: { access: CANDIDATE }, schema: s.start }, async (request) =>
      startStudy(deps, requestContext(request), request.params.id),
    );
    app.post('/api/study/sessions/:id/heartbeat', { config: { access: CANDIDATE }, schema: s.heartbeat }, async (request) =>
      heartbeat(deps, requestContext(request), request.params.id, request.body),
    );
    app.post(
      '/api/study/captures/:id',
      { config: { access: CANDIDATE }, schema: { ...s.submitCapture, response: { 200: ok } } },
      async (request) =>
        submitCapture(deps, requestContext(request), request.params.id, await readSingleFile(request, 5 * 1024 * 1024)),
    );

    // —— progress and review ——
    app.get(
      '/api/registrations/:id/progress',
      { config: { access: only('candidate', 'enterprise', 'city', 'province') }, schema: s.progress },
      async (request) => registrationProgress(deps, actorOf(request), request.params.id),
    );
    app.get(
      '/api/review/hours-reached',
      { config: { access: only('city', 'province') }, schema: s.hoursReached },
      async (request) => ({
        rows: await hoursReachedCounts(deps, actorOf(request)),
      }),
    );
    app.get(
      '/api/review/registrations/:id/captures',
      { config: { access: only('city', 'province') }, schema: s.captures },
      async (request) => listCaptures(deps, actorOf(request), request.params.id),
    );
    app.get(
      '/api/captures/:id/image',
      { config: { access: only('candidate', 'city', 'province') }, schema: s.captureImage },
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
        schema: s.rejectCapture,
      },
      async (request) => rejectCapture(deps, requestContext(request), request.params.id, request.body.reason),
    );
  };
