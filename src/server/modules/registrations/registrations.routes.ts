import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { AUTHENTICATED, only, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { notFound } from '../../http/errors.js';
import { formatDateTime, sendExcel } from '../../http/excel.js';
import { EXPORT_LIMIT } from '../../http/paging.js';
import { ok } from '../../http/schemas.js';
import { approveRegistration, approveRegistrations } from './approve-registration.js';
import { confirmEmployment } from './confirm-employment.js';
import { decideEmployerChange, listEmployerChanges } from './decide-employer-change.js';
import { deleteRegistration } from './delete-registration.js';
import { getRegistration, listEmployerQueue, listMyRegistrations, listReviewQueue } from './list-review-queue.js';
import { registrationsSchemas as s } from './registrations.schemas.js';
import { rejectEmployment } from './reject-employment.js';
import { requestEmployerChange } from './request-employer-change.js';
import { returnRegistration } from './return-registration.js';
import { revealIdNumber } from './reveal-id-number.js';
import { saveRegistration } from './save-registration.js';
import { searchEnterprises } from './search-enterprises.js';
import { submitRegistration } from './submit-registration.js';
import { withdrawRegistration } from './withdraw-registration.js';

const CANDIDATE = only('candidate');
const EMPLOYER = only('enterprise');
const REVIEWER = only('city');

export const registrationsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const actorOf = (request: Parameters<typeof requestContext>[0]) => requireActor(requestContext(request));

    // —— candidate ——
    app.get('/api/enterprises/search', { config: { access: AUTHENTICATED }, schema: s.searchEnterprises }, async (request) =>
      searchEnterprises(deps, request.query.q),
    );
    app.get('/api/registrations/mine', { config: { access: CANDIDATE }, schema: s.mine }, async (request) =>
      listMyRegistrations(deps, actorOf(request)),
    );
    app.post('/api/registrations', { config: { access: CANDIDATE }, schema: s.create }, async (request) =>
      saveRegistration(deps, requestContext(request), null, request.body),
    );
    app.put('/api/registrations/:id', { config: { access: CANDIDATE }, schema: s.update }, async (request) =>
      saveRegistration(deps, requestContext(request), request.params.id, request.body),
    );
    app.post('/api/registrations/:id/submit', { config: { access: CANDIDATE }, schema: s.submit }, async (request) =>
      submitRegistration(deps, requestContext(request), request.params.id),
    );
    app.post(
      '/api/registrations/:id/withdraw',
      { config: { access: CANDIDATE }, schema: { ...s.byId, response: { 200: ok } } },
      async (request) => {
        await withdrawRegistration(deps, requestContext(request), request.params.id);
        return { ok: true as const };
      },
    );
    app.post(
      '/api/registrations/:id/employer-change',
      { config: { access: CANDIDATE, idempotent: true }, schema: s.requestEmployerChange },
      async (request) => requestEmployerChange(deps, requestContext(request), request.params.id, request.body),
    );

    // —— any party in scope ——
    app.get(
      '/api/registrations/:id',
      { config: { access: only('candidate', 'enterprise', 'city', 'province') }, schema: s.get },
      async (request) => {
        const view = await getRegistration(deps, actorOf(request), request.params.id);
        if (!view) throw notFound('报名');
        return view;
      },
    );

    // —— employer (企业确认) ——
    app.get('/api/employer/registrations', { config: { access: EMPLOYER }, schema: s.employerQueue }, async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return listEmployerQueue(deps, actorOf(request), filter, { page, pageSize });
    });
    app.post(
      '/api/employer/registrations/:id/confirm',
      { config: { access: EMPLOYER }, schema: { ...s.confirmEmployment, response: { 200: ok } } },
      async (request) => {
        await confirmEmployment(deps, requestContext(request), request.params.id, request.body);
        return { ok: true as const };
      },
    );
    app.post(
      '/api/employer/registrations/:id/reject',
      { config: { access: EMPLOYER }, schema: { ...s.withReason, response: { 200: ok } } },
      async (request) => {
        await rejectEmployment(deps, requestContext(request), request.params.id, request.body.reason);
        return { ok: true as const };
      },
    );

    // —— authority (审核学员信息) ——
    app.get(
      '/api/review/registrations',
      { config: { access: only('city', 'province') }, schema: s.reviewQueue },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return listReviewQueue(deps, actorOf(request), filter, { page, pageSize });
      },
    );
    app.get(
      '/api/review/registrations/export',
      { config: { access: only('city', 'province') }, schema: s.reviewExport },
      async (request, reply) => {
        const { rows } = await listReviewQueue(deps, actorOf(request), request.query, { page: 1, pageSize: EXPORT_LIMIT });
        return sendExcel(
          reply,
          '学员报名',
          [
            { header: '姓名', value: (r) => r.person.name },
            { header: '身份证号', width: 22, value: (r) => r.person.maskedIdNumber },
            { header: '报考类别', width: 30, value: (r) => r.categoryLabel },
            { header: '报往地区', value: (r) => r.jurisdictionName },
            { header: '工作单位', width: 30, value: (r) => r.enterpriseName },
            { header: '状态', value: (r) => r.statusLabel },
            { header: '提交时间', width: 20, value: (r) => formatDateTime(r.submittedAt ? new Date(r.submittedAt) : null) },
          ],
          rows,
        );
      },
    );
    app.post(
      '/api/review/registrations/:id/approve',
      { config: { access: REVIEWER }, schema: { ...s.byId, response: { 200: ok } } },
      async (request) => {
        await approveRegistration(deps, requestContext(request), request.params.id);
        return { ok: true as const };
      },
    );
    app.post(
      '/api/review/registrations/batch-approve',
      { config: { access: REVIEWER }, schema: s.batchApprove },
      async (request) => ({
        results: await approveRegistrations(deps, requestContext(request), request.body.ids),
      }),
    );
    app.post(
      '/api/review/registrations/:id/return',
      { config: { access: REVIEWER }, schema: { ...s.withReason, response: { 200: ok } } },
      async (request) => {
        await returnRegistration(deps, requestContext(request), request.params.id, request.body.reason);
        return { ok: true as const };
      },
    );
    app.post(
      '/api/review/registrations/:id/delete',
      { config: { access: REVIEWER }, schema: { ...s.withReason, response: { 200: ok } } },
      async (request) => {
        await deleteRegistration(deps, requestContext(request), request.params.id, request.body.reason);
        return { ok: true as const };
      },
    );
    app.post(
      '/api/review/registrations/:id/reveal-id-number',
      { config: { access: only('city', 'province') }, schema: s.revealIdNumber },
      async (request) => revealIdNumber(deps, requestContext(request), request.params.id),
    );

    // —— 单位变更审核 ——
    app.get(
      '/api/review/employer-changes',
      { config: { access: only('city', 'province') }, schema: s.employerChanges },
      async (request) => ({
        rows: await listEmployerChanges(deps, actorOf(request), request.query.status),
      }),
    );
    app.post(
      '/api/review/employer-changes/:id/decide',
      { config: { access: REVIEWER }, schema: { ...s.decideEmployerChange, response: { 200: ok } } },
      async (request) => {
        await decideEmployerChange(deps, requestContext(request), request.params.id, request.body);
        return { ok: true as const };
      },
    );
  };
