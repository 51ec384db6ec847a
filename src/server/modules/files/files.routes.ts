import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { AUTHENTICATED, only, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { AppError } from '../../http/errors.js';
import { readSingleFile } from '../../http/multipart.js';
import { filesSchemas as s } from './files.schemas.js';
import { readFile } from './read-file.js';
import { MAX_UPLOAD_BYTES, uploadFile } from './upload-file.js';

export const filesRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/files',
      {
        config: { access: only('candidate', 'enterprise') },
        schema: s.upload,
      },
      async (request) => {
        const data = await readSingleFile(request, MAX_UPLOAD_BYTES).catch((err: unknown) => {
          // Name the file the person chose (毕业证, 体检表 …) in the size message.
          if (err instanceof AppError && err.message.startsWith('文件不能超过'))
            throw new AppError('VALIDATION', '文件不能超过10MB', request.query.kind);
          throw err;
        });
        return uploadFile(deps, requestContext(request), request.query.kind, data);
      },
    );

    app.get('/api/files/:id', { config: { access: AUTHENTICATED }, schema: s.read }, async (request, reply) => {
      const file = await readFile(deps, requireActor(requestContext(request)), request.params.id);
      return (
        reply
          .type(file.mimeType)
          .header('content-disposition', 'inline')
          .header('cache-control', 'private, no-store')
          // Shown inside our own review page (PDFs in a frame) and nowhere else. Images get
          // a CSP that lets nothing run; PDFs need Chromium's viewer, which a sandbox would block.
          .header(
            'content-security-policy',
            file.mimeType === 'application/pdf'
              ? "frame-ancestors 'self'"
              : "default-src 'none'; img-src 'self'; frame-ancestors 'self'",
          )
          .header('x-frame-options', 'SAMEORIGIN')
          .send(file.bytes)
      );
    });
  };
