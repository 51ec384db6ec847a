import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { examsSchemas as s } from './exams.schemas.js';
import { uploadScores } from './upload-scores.js';

/**
 * 考试管理端 API: machine-to-machine, authenticated by the HMAC signature of
 * the raw body (no session, no CSRF cookie). Its own plugin scope keeps the
 * raw-body parser away from every other route.
 */
export const examClientRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 2 * 1024 * 1024 }, (_req, body, done) =>
      done(null, body),
    );
    app.post(
      '/api/exam-client/scores',
      // The request is described for the documentation only (GET /api/docs); the answer is declared like any other.
      { config: { access: { public: true, csrf: false } }, schema: s.clientUpload },
      async (request) => {
        const idempotencyKey = request.headers['idempotency-key'];
        return uploadScores(deps, {
          authorization: request.headers.authorization,
          idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : undefined,
          body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
          ip: request.ip,
        });
      },
    );
  };
