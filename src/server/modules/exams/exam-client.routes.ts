import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { uploadScores } from './upload-scores.js';

/**
 * 考试管理端 API: machine-to-machine, authenticated by the HMAC signature of
 * the raw body (no session, no CSRF cookie). Its own plugin scope keeps the
 * raw-body parser away from every other route.
 */
export const examClientRoutes = (deps: Deps) => async (app: FastifyInstance) => {
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 2 * 1024 * 1024 }, (_req, body, done) =>
    done(null, body),
  );
  app.post(
    '/api/exam-client/scores',
    {
      config: { access: { public: true, csrf: false } },
      // Documentation only (GET /api/docs): the body is read raw, because the signature covers its exact bytes.
      schema: {
        summary: '考试管理端上传三类人员成绩',
        description: [
          '请求体 JSON：{"rows":[{"ticketNumber","idNumber","score"} 或 {"ticketNumber","idNumber","absent":true}]}，每次 1 至 5000 行，score 为 0–100、最多一位小数。',
          '请求头 Idempotency-Key：8 至 100 位 A-Z a-z 0-9 _ . -，每次新上传使用新值。',
          '请求头 Authorization：AGT-HMAC keyId=<Key ID>,ts=<unix 秒>,sig=<小写 hex(HMAC-SHA256(密钥（按发放时显示的文本，UTF-8，不做 hex/base64 解码）, ts + "\\n" + Idempotency-Key + "\\n" + 小写 hex(SHA-256(请求体原始字节))))>。',
          '应答 200：{"results":[{"row","ticketNumber","ok","message"}],"replayed"}，逐行结果；同一 Idempotency-Key 与相同请求体重复提交返回首次应答且 "replayed": true；同一 Key 用于不同请求体返回 409；时间戳与服务器相差超过 5 分钟、凭证无效或签名错误返回 401。',
        ].join('\n\n'),
        security: [{ examClient: [] }],
      },
    },
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
