import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { only, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { sendExcel } from '../../http/excel.js';
import { decidePersonnelChange } from './decide-personnel-change.js';
import { listEnterprisePersonnel } from './list-enterprise-personnel.js';
import { listPersonnelChanges } from './list-personnel-changes.js';
import { lookupHolder } from './lookup-holder.js';
import { answerTransfer, listMyTransferRequests } from './answer-transfer.js';
import { personnelSchemas as s } from './personnel.schemas.js';
import { requestPersonnelChange } from './request-personnel-change.js';

export const personnelRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    // —— 本企业人员信息查询 ——
    app.get('/api/personnel', { config: { access: only('enterprise') }, schema: s.list }, async (request) =>
      listEnterprisePersonnel(deps, requireActor(requestContext(request)), request.query),
    );
    app.get('/api/personnel/export', { config: { access: only('enterprise') }, schema: s.export }, async (request, reply) =>
      sendExcel(
        reply,
        '本企业人员信息',
        [
          { header: '姓名', value: (r) => r.name },
          { header: '身份证号', width: 22, value: (r) => r.maskedIdNumber },
          { header: '类别/工种', width: 30, value: (r) => r.categoryLabel },
          { header: '报名状态', width: 14, value: (r) => r.registrationStatus },
          { header: '学时', value: (r) => r.hours },
          { header: '最近考试结果', width: 16, value: (r) => r.examResult },
          { header: '证书编号', width: 26, value: (r) => r.number },
          { header: '证书状态', value: (r) => r.statusLabel },
          { header: '有效期至', value: (r) => r.expiresOn },
        ],
        await listEnterprisePersonnel(deps, requireActor(requestContext(request)), request.query),
      ),
    );

    app.get('/api/personnel/lookup', { config: { access: only('enterprise') }, schema: s.lookup }, async (request) => ({
      rows: await lookupHolder(deps, requestContext(request), request.query),
    }));

    app.get(
      '/api/personnel-changes',
      { config: { access: only('enterprise', 'city', 'province') }, schema: s.changes },
      async (request) => listPersonnelChanges(deps, requireActor(requestContext(request)), request.query.status),
    );
    app.post(
      '/api/personnel-changes',
      {
        config: { access: only('enterprise'), idempotent: true },
        schema: s.requestChange,
      },
      async (request) => requestPersonnelChange(deps, requestContext(request), request.body),
    );
    app.post('/api/personnel-changes/:id/decide', { config: { access: only('city') }, schema: s.decideChange }, async (request) =>
      decidePersonnelChange(
        deps,
        requestContext(request),
        request.params.id,
        request.body.approve,
        request.body.reason,
        request.body.overrideReason,
      ),
    );

    // —— the holder answers a transfer (调入) for their own certificate ——
    app.get(
      '/api/my/transfer-requests',
      { config: { access: only('candidate') }, schema: s.myTransferRequests },
      async (request) => ({
        rows: await listMyTransferRequests(deps, requireActor(requestContext(request))),
      }),
    );
    app.post(
      '/api/my/transfer-requests/:id/answer',
      { config: { access: only('candidate') }, schema: s.answerTransfer },
      async (request) => answerTransfer(deps, requestContext(request), request.params.id, request.body.agree),
    );
  };
