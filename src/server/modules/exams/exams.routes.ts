import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import { only, PUBLIC, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { formatDateTime, sendExcel } from '../../http/excel.js';
import { readSingleFile } from '../../http/multipart.js';
import { originOf } from '../../http/origin.js';
import { ok } from '../../http/schemas.js';
import { applyForExam } from './apply-for-exam.js';
import { closeExamApplications, markExamHeld, publishExamSession } from './change-session-state.js';
import { employerResults } from './employer-results.js';
import { examsSchemas as s } from './exams.schemas.js';
import { endApplication, requestWithdrawal } from './end-application.js';
import { availableExamSessions, listExamSessions, myApplications, sessionApplicants } from './list-exams.js';
import { commitSpecialScores, previewSpecialScores, scoreTemplate } from './import-special-scores.js';
import { printTicket, verifyTicket } from './print-ticket.js';
import { saveExamSession } from './save-exam-session.js';

const CITY = only('city');
const CANDIDATE = only('candidate');
export const examsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const actorOf = (request: FastifyRequest) => requireActor(requestContext(request));

    // —— authority: 考场 ——
    app.get('/api/exam-sessions', { config: { access: only('city', 'province') }, schema: s.sessions }, async (request) =>
      listExamSessions(deps, actorOf(request)),
    );
    app.post('/api/exam-sessions', { config: { access: CITY, idempotent: true }, schema: s.createSession }, async (request) =>
      saveExamSession(deps, requestContext(request), null, request.body),
    );
    app.put('/api/exam-sessions/:id', { config: { access: CITY }, schema: s.updateSession }, async (request) =>
      saveExamSession(deps, requestContext(request), request.params.id, request.body),
    );
    for (const [action, run] of [
      ['publish', publishExamSession],
      ['close', closeExamApplications],
      ['hold', markExamHeld],
    ] as const) {
      app.post(
        `/api/exam-sessions/:id/${action}`,
        { config: { access: CITY }, schema: { ...s.sessionById, response: { 200: ok } } },
        async (request) => {
          await run(deps, requestContext(request), request.params.id);
          return { ok: true as const };
        },
      );
    }
    app.get(
      '/api/exam-sessions/:id/applicants',
      { config: { access: only('city', 'province') }, schema: s.applicants },
      async (request) => sessionApplicants(deps, actorOf(request), request.params.id),
    );
    app.get(
      '/api/exam-sessions/:id/sign-in-sheet',
      { config: { access: only('city', 'province') }, schema: s.sessionById },
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
          schema: { ...s.endApplication, response: { 200: ok } },
        },
        async (request) => {
          await endApplication(deps, requestContext(request), request.params.id, kind, request.body.reason);
          return { ok: true as const };
        },
      );
    }

    // —— 网页导入: special-operations scores ——
    app.get(
      '/api/exam-sessions/:id/score-template',
      { config: { access: CITY }, schema: s.sessionById },
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
      { config: { access: CITY }, schema: s.scoreImportPreview },
      async (request) =>
        previewSpecialScores(deps, actorOf(request), request.params.id, await readSingleFile(request, 10 * 1024 * 1024)),
    );
    app.post(
      '/api/exam-sessions/:id/score-import/commit',
      { config: { access: CITY }, schema: s.scoreImportCommit },
      async (request) =>
        commitSpecialScores(deps, requestContext(request), request.params.id, await readSingleFile(request, 10 * 1024 * 1024)),
    );

    // —— candidate: 申请考场, 退考, 准考证 ——
    app.get('/api/exams/available', { config: { access: CANDIDATE }, schema: s.available }, async (request) =>
      availableExamSessions(deps, actorOf(request)),
    );
    app.get('/api/exams/mine', { config: { access: CANDIDATE }, schema: s.mine }, async (request) =>
      myApplications(deps, actorOf(request)),
    );
    app.post('/api/exam-sessions/:id/apply', { config: { access: CANDIDATE }, schema: s.apply }, async (request) =>
      applyForExam(deps, requestContext(request), request.params.id),
    );
    app.post(
      '/api/exam-applications/:id/withdraw',
      { config: { access: CANDIDATE }, schema: { ...s.applicationById, response: { 200: ok } } },
      async (request) => {
        await requestWithdrawal(deps, requestContext(request), request.params.id);
        return { ok: true as const };
      },
    );
    app.get(
      '/api/exam-applications/:id/ticket.pdf',
      { config: { access: CANDIDATE }, schema: s.applicationById },
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
    app.get(
      '/api/employer/exam-results',
      { config: { access: only('enterprise') }, schema: s.employerResults },
      async (request) => employerResults(deps, actorOf(request), request.query),
    );
    app.get(
      '/api/employer/exam-results/export',
      { config: { access: only('enterprise') }, schema: s.employerResultsExport },
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
    app.get('/api/public/tickets/:id', { config: { access: PUBLIC }, schema: s.verifyTicket }, async (request) =>
      verifyTicket(deps, request.params.id),
    );
  };
