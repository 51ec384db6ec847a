import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { uploadScores } from './upload-scores.js';

/**
 * 考试管理端 API: machine-to-machine, authenticated by the HMAC signature of
 * the raw body (no session, no CSRF cookie). Its own plugin scope keeps the
 * raw-body parser away from every other route.
 */
export const examClientRoutes = (deps: Deps) => async (app: FastifyInstance) => {
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 2 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  app.post('/api/exam-client/scores', { config: { access: { public: true, csrf: false } } }, async (request) => {
    const idempotencyKey = request.headers['idempotency-key'];
    return uploadScores(deps, {
      authorization: request.headers.authorization,
      idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : undefined,
      body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      ip: request.ip,
    });
  });
};
