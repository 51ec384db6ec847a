import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CATEGORY_CODES } from '../../../shared/domain/categories.js';
import type { Deps } from '../../deps.js';
import { only, PUBLIC, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { formatDateTime, sendExcel } from '../../http/excel.js';
import { readSingleFile } from '../../http/multipart.js';
import { originOf } from '../../http/origin.js';
import { applyForExam } from './apply-for-exam.js';
import { closeExamApplications, markExamHeld, publishExamSession } from './change-session-state.js';
import { employerResults } from './employer-results.js';
import { endApplication, requestWithdrawal } from './end-application.js';
import { availableExamSessions, listExamSessions, myApplications, sessionApplicants } from './list-exams.js';
import { commitSpecialScores, previewSpecialScores, scoreTemplate } from './import-special-scores.js';
import { printTicket, verifyTicket } from './print-ticket.js';
import { saveExamSession } from './save-exam-session.js';

const CITY = only('city');
const CANDIDATE = only('candidate');
const sessionParams = z.object({ id: z.uuid('考场编号格式错误') });
const applicationParams = z.object({ id: z.uuid('申请编号格式错误') });
const dateTime = z.iso.datetime({ offset: true, message: '时间格式错误' });
const sessionBody = z.object({
  name: z.string().max(100, '不能超过100个字符'),
  address: z.string().max(200, '不能超过200个字符'),
  room: z.string().max(50, '不能超过50个字符'),
  kind: z.enum(['theory', 'practical'], '请选择考试类型'),
  startsAt: dateTime,
  endsAt: dateTime,
  applicationsOpenAt: dateTime,
  applicationsCloseAt: dateTime,
  capacity: z.number().int('应为整数'),
  categories: z.array(z.enum(CATEGORY_CODES)).max(20),
});

export const examsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const actorOf = (request: FastifyRequest) => requireActor(requestContext(request));

    // —— authority: 考场 ——
    app.get('/api/exam-sessions', { config: { access: only('city', 'province') } }, async (request) =>
      listExamSessions(deps, actorOf(request)),
    );
    app.post(
      '/api/exam-sessions',
      { config: { access: CITY, idempotent: true }, schema: { body: sessionBody } },
      async (request) => saveExamSession(deps, requestContext(request), null, request.body),
    );
    app.put(
      '/api/exam-sessions/:id',
      { config: { access: CITY }, schema: { params: sessionParams, body: sessionBody } },
      async (request) => saveExamSession(deps, requestContext(request), request.params.id, request.body),
    );
    for (const [action, run] of [
      ['publish', publishExamSession],
      ['close', closeExamApplications],
      ['hold', markExamHeld],
    ] as const) {
      app.post(
        `/api/exam-sessions/:id/${action}`,
        { config: { access: CITY }, schema: { params: sessionParams } },
        async (request) => {
          await run(deps, requestContext(request), request.params.id);
          return { ok: true };
        },
      );
    }
    app.get(
      '/api/exam-sessions/:id/applicants',
      { config: { access: only('city', 'province') }, schema: { params: sessionParams } },
      async (request) => sessionApplicants(deps, actorOf(request), request.params.id),
    );
    app.get(
      '/api/exam-sessions/:id/sign-in-sheet',
      { config: { access: only('city', 'province') }, schema: { params: sessionParams } },
      async (request, reply) => {
        const { session, rows } = await sessionApplicants(deps, actorOf(request), request.params.id);
        const live = rows.filter((r) => r.status === 'active' || r.status === 'withdrawal_requested');
        return sendExcel(
          reply,
          `签到表-${session.name}`,
          [
            { header: '座位号', width: 8, value: (r) => r.seatNumber },
            { header: '准考证号', width: 20, value: (r) => r.ticketNumber },
            { header: '姓名', value: (r) => r.name },
            { header: '身份证号', width: 22, value: (r) => r.maskedIdNumber },
            { header: '报考类别', width: 30, value: (r) => r.categoryLabel },
            {
              header: '准考证打印',
              width: 20,
              value: (r) => (r.ticketPrintedAt ? formatDateTime(new Date(r.ticketPrintedAt)) : '未打印'),
            },
            { header: '签名', width: 16, value: () => '' },
          ],
          live,
        );
      },
    );
    for (const [action, kind] of [
      ['delete', 'withdrawn'],
      ['cancel', 'cancelled'],
    ] as const) {
      app.post(
        `/api/exam-applications/:id/${action}`,
        {
          config: { access: CITY },
          schema: { params: applicationParams, body: z.object({ reason: z.string().max(200, '不能超过200个字符') }) },
        },
        async (request) => {
          await endApplication(deps, requestContext(request), request.params.id, kind, request.body.reason);
          return { ok: true };
        },
      );
    }

    // —— 网页导入: special-operations scores ——
    app.get(
      '/api/exam-sessions/:id/score-template',
      { config: { access: CITY }, schema: { params: sessionParams } },
      async (request, reply) => {
        const { name, buffer } = await scoreTemplate(deps, actorOf(request), request.params.id);
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`)
          .send(buffer);
      },
    );
    app.post(
      '/api/exam-sessions/:id/score-import/preview',
      { config: { access: CITY }, schema: { params: sessionParams } },
      async (request) =>
        previewSpecialScores(deps, actorOf(request), request.params.id, await readSingleFile(request, 10 * 1024 * 1024)),
    );
    app.post(
      '/api/exam-sessions/:id/score-import/commit',
      { config: { access: CITY }, schema: { params: sessionParams } },
      async (request) =>
        commitSpecialScores(deps, requestContext(request), request.params.id, await readSingleFile(request, 10 * 1024 * 1024)),
    );

    // —— candidate: 申请考场, 退考, 准考证 ——
    app.get('/api/exams/available', { config: { access: CANDIDATE } }, async (request) =>
      availableExamSessions(deps, actorOf(request)),
    );
    app.get('/api/exams/mine', { config: { access: CANDIDATE } }, async (request) => myApplications(deps, actorOf(request)));
    app.post(
      '/api/exam-sessions/:id/apply',
      { config: { access: CANDIDATE }, schema: { params: sessionParams } },
      async (request) => applyForExam(deps, requestContext(request), request.params.id),
    );
    app.post(
      '/api/exam-applications/:id/withdraw',
      { config: { access: CANDIDATE }, schema: { params: applicationParams } },
      async (request) => {
        await requestWithdrawal(deps, requestContext(request), request.params.id);
        return { ok: true };
      },
    );
    app.get(
      '/api/exam-applications/:id/ticket.pdf',
      { config: { access: CANDIDATE }, schema: { params: applicationParams } },
      async (request, reply) => {
        const pdf = await printTicket(deps, requestContext(request), request.params.id, originOf(deps.config));
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="ticket.pdf"`)
          .header('cache-control', 'private, no-store')
          .send(pdf);
      },
    );

    // —— enterprise: 成绩查询 of its people ——
    const resultsQuery = z.object({
      name: z.string().max(30, '不能超过30个字符').optional(),
      category: z.enum(CATEGORY_CODES, '类别无效').optional(),
      outcome: z.enum(['passed', 'failed'], '结果无效').optional(),
    });
    app.get(
      '/api/employer/exam-results',
      { config: { access: only('enterprise') }, schema: { querystring: resultsQuery } },
      async (request) => employerResults(deps, actorOf(request), request.query),
    );
    app.get(
      '/api/employer/exam-results/export',
      { config: { access: only('enterprise') }, schema: { querystring: resultsQuery } },
      async (request, reply) =>
        sendExcel(
          reply,
          '本企业人员考试成绩',
          [
            { header: '姓名', value: (r) => r.name },
            { header: '身份证号', width: 22, value: (r) => r.maskedIdNumber },
            { header: '类别/工种', width: 30, value: (r) => r.categoryLabel },
            { header: '准考证号', width: 20, value: (r) => r.ticketNumber },
            { header: '考场', width: 28, value: (r) => r.sessionName },
            { header: '考试时间', width: 20, value: (r) => formatDateTime(new Date(r.examDate)) },
            { header: '理论成绩', value: (r) => r.theory },
            { header: '实操成绩', value: (r) => r.practical },
            { header: '结果', value: (r) => r.label },
          ],
          await employerResults(deps, actorOf(request), request.query),
        ),
    );

    // —— public: the invigilator scans the QR code ——
    app.get(
      '/api/public/tickets/:id',
      { config: { access: PUBLIC }, schema: { params: z.object({ id: z.uuid('准考证链接无效') }) } },
      async (request) => verifyTicket(deps, request.params.id),
    );
  };
