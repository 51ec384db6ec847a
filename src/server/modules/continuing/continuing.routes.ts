import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { only, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { continuingOptions, enrolContinuing } from './enrol-continuing.js';
import { decideExtension, listExtensions, requestExtension } from './extensions.js';

const certificateParams = z.object({ id: z.uuid('证书编号格式错误') });

export const continuingRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    // —— 继续教育报名 (enterprise, for its own holders) ——
    app.get(
      '/api/certificates/:id/continuing',
      { config: { access: only('enterprise') }, schema: { params: certificateParams } },
      async (request) => continuingOptions(deps, requireActor(requestContext(request)), request.params.id),
    );
    app.post(
      '/api/certificates/:id/continuing',
      {
        config: { access: only('enterprise') },
        schema: { params: certificateParams, body: z.object({ courseId: z.uuid('请选择继续教育课程') }) },
      },
      async (request) => enrolContinuing(deps, requestContext(request), request.params.id, request.body.courseId),
    );

    // —— 延期申请 → 延期审核 ——
    app.get(
      '/api/extensions',
      {
        config: { access: only('enterprise', 'city', 'province') },
        schema: { querystring: z.object({ status: z.enum(['pending', 'approved', 'returned'], '状态无效').optional() }) },
      },
      async (request) => listExtensions(deps, requireActor(requestContext(request)), request.query.status),
    );
    app.post(
      '/api/certificates/:id/extension',
      { config: { access: only('enterprise') }, schema: { params: certificateParams } },
      async (request) => requestExtension(deps, requestContext(request), request.params.id),
    );
    app.post(
      '/api/extensions/:id/decide',
      {
        config: { access: only('city') },
        schema: {
          params: z.object({ id: z.uuid('申请编号格式错误') }),
          body: z.object({ approve: z.boolean('请选择审核结果'), reason: z.string().max(200, '不能超过200个字符').optional() }),
        },
      },
      async (request) =>
        decideExtension(deps, requestContext(request), request.params.id, request.body.approve, request.body.reason),
    );
  };
