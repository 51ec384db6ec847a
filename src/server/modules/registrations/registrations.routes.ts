import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CATEGORY_CODES, EDUCATION_VALUES, TITLE_VALUES } from '../../../shared/domain/categories.js';
import { REGISTRATION_STATUS_VALUES } from '../../../shared/domain/registration-status.js';
import type { Deps } from '../../deps.js';
import { AUTHENTICATED, only, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { notFound } from '../../http/errors.js';
import { formatDateTime, sendExcel } from '../../http/excel.js';
import { dateString, EXPORT_LIMIT, pagingQuery } from '../../http/paging.js';
import { approveRegistration, approveRegistrations } from './approve-registration.js';
import { confirmEmployment } from './confirm-employment.js';
import { decideEmployerChange, listEmployerChanges } from './decide-employer-change.js';
import { deleteRegistration } from './delete-registration.js';
import { getRegistration, listEmployerQueue, listMyRegistrations, listReviewQueue } from './list-review-queue.js';
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
const idParams = z.object({ id: z.uuid('报名编号格式错误') });
const reasonBody = z.object({ reason: z.string().max(200, '不能超过200个字符') });
const optionalId = z.uuid('编号格式错误').nullable().optional();

const registrationBody = z.object({
  category: z.enum(CATEGORY_CODES, '请选择报考类别或工种'),
  otherWorkTypeName: z.string().max(30, '不能超过30个字符').nullable().optional(),
  jurisdictionCode: z.string().min(1, '请选择报往地区').max(16),
  enterpriseId: optionalId,
  education: z.enum(EDUCATION_VALUES, '请选择文化程度').nullable().optional(),
  title: z.enum(TITLE_VALUES, '请选择专业技术职称').nullable().optional(),
  job: z.string().max(30, '不能超过30个字符').nullable().optional(),
  experienceYears: z.number().int('应为整数').min(0, '不能小于0').max(60, '不能超过60').nullable().optional(),
  qualificationNumber: z.string().max(40, '不能超过40个字符').nullable().optional(),
  medicalExamDate: dateString.nullable().optional(),
  photoFileId: optionalId,
  diplomaFileId: optionalId,
  qualificationFileId: optionalId,
  medicalFileId: optionalId,
});

const reviewFilter = {
  status: z.enum(REGISTRATION_STATUS_VALUES).optional(),
  category: z.enum(CATEGORY_CODES).optional(),
  from: dateString.optional(),
  to: dateString.optional(),
  name: z.string().trim().max(30).optional(),
  idNumber: z.string().trim().max(18, '应为18位').optional(),
};

export const registrationsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const actorOf = (request: Parameters<typeof requestContext>[0]) => requireActor(requestContext(request));

    // —— candidate ——
    app.get(
      '/api/enterprises/search',
      { config: { access: AUTHENTICATED }, schema: { querystring: z.object({ q: z.string().max(60) }) } },
      async (request) => searchEnterprises(deps, request.query.q),
    );
    app.get('/api/registrations/mine', { config: { access: CANDIDATE } }, async (request) =>
      listMyRegistrations(deps, actorOf(request)),
    );
    app.post('/api/registrations', { config: { access: CANDIDATE }, schema: { body: registrationBody } }, async (request) =>
      saveRegistration(deps, requestContext(request), null, request.body),
    );
    app.put(
      '/api/registrations/:id',
      { config: { access: CANDIDATE }, schema: { params: idParams, body: registrationBody } },
      async (request) => saveRegistration(deps, requestContext(request), request.params.id, request.body),
    );
    app.post('/api/registrations/:id/submit', { config: { access: CANDIDATE }, schema: { params: idParams } }, async (request) =>
      submitRegistration(deps, requestContext(request), request.params.id),
    );
    app.post(
      '/api/registrations/:id/withdraw',
      { config: { access: CANDIDATE }, schema: { params: idParams } },
      async (request) => {
        await withdrawRegistration(deps, requestContext(request), request.params.id);
        return { ok: true };
      },
    );
    app.post(
      '/api/registrations/:id/employer-change',
      {
        config: { access: CANDIDATE, idempotent: true },
        schema: {
          params: idParams,
          body: z.object({ toEnterpriseId: z.uuid('请选择新的工作单位'), reason: z.string().max(200, '不能超过200个字符') }),
        },
      },
      async (request) => requestEmployerChange(deps, requestContext(request), request.params.id, request.body),
    );

    // —— any party in scope ——
    app.get(
      '/api/registrations/:id',
      { config: { access: only('candidate', 'enterprise', 'city', 'province') }, schema: { params: idParams } },
      async (request) => {
        const view = await getRegistration(deps, actorOf(request), request.params.id);
        if (!view) throw notFound('报名');
        return view;
      },
    );

    // —— employer (企业确认) ——
    app.get(
      '/api/employer/registrations',
      {
        config: { access: EMPLOYER },
        schema: {
          querystring: z.object({
            status: z.enum(REGISTRATION_STATUS_VALUES).optional(),
            name: z.string().trim().max(30).optional(),
            ...pagingQuery,
          }),
        },
      },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return listEmployerQueue(deps, actorOf(request), filter, { page, pageSize });
      },
    );
    app.post(
      '/api/employer/registrations/:id/confirm',
      {
        config: { access: EMPLOYER },
        schema: { params: idParams, body: z.object({ labourRelation: z.boolean(), annualTraining: z.boolean() }) },
      },
      async (request) => {
        await confirmEmployment(deps, requestContext(request), request.params.id, request.body);
        return { ok: true };
      },
    );
    app.post(
      '/api/employer/registrations/:id/reject',
      { config: { access: EMPLOYER }, schema: { params: idParams, body: reasonBody } },
      async (request) => {
        await rejectEmployment(deps, requestContext(request), request.params.id, request.body.reason);
        return { ok: true };
      },
    );

    // —— authority (审核学员信息) ——
    app.get(
      '/api/review/registrations',
      { config: { access: only('city', 'province') }, schema: { querystring: z.object({ ...reviewFilter, ...pagingQuery }) } },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return listReviewQueue(deps, actorOf(request), filter, { page, pageSize });
      },
    );
    app.get(
      '/api/review/registrations/export',
      { config: { access: only('city', 'province') }, schema: { querystring: z.object(reviewFilter) } },
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
      { config: { access: REVIEWER }, schema: { params: idParams } },
      async (request) => {
        await approveRegistration(deps, requestContext(request), request.params.id);
        return { ok: true };
      },
    );
    app.post(
      '/api/review/registrations/batch-approve',
      {
        config: { access: REVIEWER },
        schema: {
          body: z.object({ ids: z.array(z.uuid('报名编号格式错误')).min(1, '请选择要审核的报名').max(200, '一次最多200条') }),
        },
      },
      async (request) => ({
        results: await approveRegistrations(deps, requestContext(request), request.body.ids),
      }),
    );
    app.post(
      '/api/review/registrations/:id/return',
      { config: { access: REVIEWER }, schema: { params: idParams, body: reasonBody } },
      async (request) => {
        await returnRegistration(deps, requestContext(request), request.params.id, request.body.reason);
        return { ok: true };
      },
    );
    app.post(
      '/api/review/registrations/:id/delete',
      { config: { access: REVIEWER }, schema: { params: idParams, body: reasonBody } },
      async (request) => {
        await deleteRegistration(deps, requestContext(request), request.params.id, request.body.reason);
        return { ok: true };
      },
    );
    app.post(
      '/api/review/registrations/:id/reveal-id-number',
      { config: { access: only('city', 'province') }, schema: { params: idParams } },
      async (request) => revealIdNumber(deps, requestContext(request), request.params.id),
    );

    // —— 单位变更审核 ——
    app.get(
      '/api/review/employer-changes',
      {
        config: { access: only('city', 'province') },
        schema: { querystring: z.object({ status: z.enum(['pending', 'approved', 'rejected']).optional() }) },
      },
      async (request) => ({
        rows: await listEmployerChanges(deps, actorOf(request), request.query.status),
      }),
    );
    app.post(
      '/api/review/employer-changes/:id/decide',
      {
        config: { access: REVIEWER },
        schema: {
          params: z.object({ id: z.uuid('申请编号格式错误') }),
          body: z.object({ approve: z.boolean(), reason: z.string().max(200, '不能超过200个字符').optional() }),
        },
      },
      async (request) => {
        await decideEmployerChange(deps, requestContext(request), request.params.id, request.body);
        return { ok: true };
      },
    );
  };
