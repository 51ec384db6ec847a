import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { only, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { CATEGORY_CODES } from '../../../shared/domain/categories.js';
import { CERTIFICATE_STATUSES } from '../../../shared/domain/certificate.js';
import { sendExcel } from '../../http/excel.js';
import { decidePersonnelChange } from './decide-personnel-change.js';
import { listEnterprisePersonnel } from './list-enterprise-personnel.js';
import { listPersonnelChanges } from './list-personnel-changes.js';
import { lookupHolder } from './lookup-holder.js';
import { answerTransfer, listMyTransferRequests } from './answer-transfer.js';
import { requestPersonnelChange } from './request-personnel-change.js';

const text = (max: number) => z.string().max(max, `不能超过${max}个字符`);

const personnelQuery = z.object({
  name: text(30).optional(),
  category: z.enum(CATEGORY_CODES, '类别无效').optional(),
  status: z.enum([...CERTIFICATE_STATUSES, 'none'], '证书状态无效').optional(),
  expiringWithinDays: z.coerce.number().int('应为整数').min(0, '不能小于0').max(3650, '不能超过3650').optional(),
});

export const personnelRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    // —— 本企业人员信息查询 ——
    app.get(
      '/api/personnel',
      { config: { access: only('enterprise') }, schema: { querystring: personnelQuery } },
      async (request) => listEnterprisePersonnel(deps, requireActor(requestContext(request)), request.query),
    );
    app.get(
      '/api/personnel/export',
      { config: { access: only('enterprise') }, schema: { querystring: personnelQuery } },
      async (request, reply) =>
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

    app.get(
      '/api/personnel/lookup',
      {
        config: { access: only('enterprise') },
        schema: { querystring: z.object({ idNumber: text(30).optional(), number: text(40).optional() }) },
      },
      async (request) => ({ rows: await lookupHolder(deps, requestContext(request), request.query) }),
    );

    app.get(
      '/api/personnel-changes',
      {
        config: { access: only('enterprise', 'city', 'province') },
        schema: {
          querystring: z.object({ status: z.enum(['pending', 'approved', 'returned', 'cancelled'], '状态无效').optional() }),
        },
      },
      async (request) => listPersonnelChanges(deps, requireActor(requestContext(request)), request.query.status),
    );
    app.post(
      '/api/personnel-changes',
      {
        config: { access: only('enterprise'), idempotent: true },
        schema: {
          body: z.discriminatedUnion(
            'kind',
            [
              z.object({ kind: z.literal('transfer'), certificateId: z.uuid('证书编号格式错误'), reason: text(200) }),
              z.object({
                kind: z.literal('details'),
                certificateId: z.uuid('证书编号格式错误'),
                reason: text(200),
                newJob: text(50).nullish(),
                newTitle: text(50).nullish(),
              }),
              z.object({ kind: z.literal('rename'), reason: text(200), newEnterpriseName: text(100) }),
            ],
            '变更类型无效',
          ),
        },
      },
      async (request) => requestPersonnelChange(deps, requestContext(request), request.body),
    );
    app.post(
      '/api/personnel-changes/:id/decide',
      {
        config: { access: only('city') },
        schema: {
          params: z.object({ id: z.uuid('申请编号格式错误') }),
          body: z.object({ approve: z.boolean('请选择审核结果'), reason: text(200).optional() }),
        },
      },
      async (request) =>
        decidePersonnelChange(deps, requestContext(request), request.params.id, request.body.approve, request.body.reason),
    );

    // —— the holder answers a transfer (调入) for their own certificate ——
    app.get('/api/my/transfer-requests', { config: { access: only('candidate') } }, async (request) => ({
      rows: await listMyTransferRequests(deps, requireActor(requestContext(request))),
    }));
    app.post(
      '/api/my/transfer-requests/:id/answer',
      {
        config: { access: only('candidate') },
        schema: { params: z.object({ id: z.uuid('申请编号格式错误') }), body: z.object({ agree: z.boolean('请选择是否同意') }) },
      },
      async (request) => answerTransfer(deps, requestContext(request), request.params.id, request.body.agree),
    );
  };
