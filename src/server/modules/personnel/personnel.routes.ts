import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { only, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { decidePersonnelChange } from './decide-personnel-change.js';
import { listPersonnelChanges } from './list-personnel-changes.js';
import { lookupHolder } from './lookup-holder.js';
import { requestPersonnelChange } from './request-personnel-change.js';

const text = (max: number) => z.string().max(max, `不能超过${max}个字符`);

export const personnelRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/personnel/lookup', {
    config: { access: only('enterprise') },
    schema: { querystring: z.object({ idNumber: text(30).optional(), number: text(40).optional() }) },
  }, async (request) => ({ rows: await lookupHolder(deps, requestContext(request), request.query) }));

  app.get('/api/personnel-changes', {
    config: { access: only('enterprise', 'city', 'province') },
    schema: { querystring: z.object({ status: z.enum(['pending', 'approved', 'returned'], '状态无效').optional() }) },
  }, async (request) => listPersonnelChanges(deps, requireActor(requestContext(request)), request.query.status));
  app.post('/api/personnel-changes', {
    config: { access: only('enterprise') },
    schema: { body: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('transfer'), certificateId: z.uuid('证书编号格式错误'), reason: text(200) }),
      z.object({ kind: z.literal('details'), certificateId: z.uuid('证书编号格式错误'), reason: text(200), newJob: text(50).nullish(), newTitle: text(50).nullish() }),
    ], '变更类型无效') },
  }, async (request) => requestPersonnelChange(deps, requestContext(request), request.body));
  app.post('/api/personnel-changes/:id/decide', {
    config: { access: only('city') },
    schema: { params: z.object({ id: z.uuid('申请编号格式错误') }), body: z.object({ approve: z.boolean('请选择审核结果'), reason: text(200).optional() }) },
  }, async (request) => decidePersonnelChange(deps, requestContext(request), request.params.id, request.body.approve, request.body.reason));
};
