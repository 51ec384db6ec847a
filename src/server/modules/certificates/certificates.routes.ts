import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CERTIFICATE_TRANSITIONS, type CertificateAction } from '../../../shared/domain/certificate.js';
import type { Deps } from '../../deps.js';
import { only, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { sendExcel } from '../../http/excel.js';
import { originOf } from '../../http/origin.js';
import { EXPORT_LIMIT } from '../../http/paging.js';
import { ok } from '../../http/schemas.js';
import { certificateDetail } from './certificate-detail.js';
import { certificatesSchemas as s } from './certificates.schemas.js';
import { changeCertificateState } from './change-certificate-state.js';
import { confirmQualifiedList, returnQualifiedList } from './decide-qualified-list.js';
import { exportNationalCertificates } from './export-national.js';
import { listCertificates } from './list-certificates.js';
import { listQualifiedLists, qualifiedListDetail } from './list-qualified-lists.js';
import { batchPrintFile, batchPrintProgress, printCertificate, startBatchPrint } from './print-certificates.js';
import { NATIONAL_STATE_LABELS } from '../national/national-reports.js';
import { qualifiedCandidates } from './qualified-candidates.js';
import { checkQualifiedList } from './qualified-list-check.js';
import { submitQualifiedList } from './submit-qualified-list.js';

const CITY = only('city');
const PROVINCE = only('province');
const AUTHORITIES = only('city', 'province');

const sendPdf = (reply: FastifyReply, name: string, pdf: Buffer) =>
  reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(name)}.pdf`)
    .header('cache-control', 'private, no-store')
    .send(pdf);

export const certificatesRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const actorOf = (request: FastifyRequest) => requireActor(requestContext(request));

    // —— 合格名单: the city compiles and submits; the province confirms or returns ——
    app.get(
      '/api/qualified-lists/candidates',
      {
        config: { access: CITY },
        schema: s.candidates,
      },
      async (request) => qualifiedCandidates(deps.db, actorOf(request), request.query.sessionIds),
    );
    app.post(
      '/api/qualified-lists',
      {
        config: { access: CITY, idempotent: true },
        schema: s.submitList,
      },
      async (request) => submitQualifiedList(deps, requestContext(request), request.body),
    );
    app.get(
      '/api/qualified-lists',
      {
        config: { access: AUTHORITIES },
        schema: s.lists,
      },
      async (request) => listQualifiedLists(deps, actorOf(request), request.query.status),
    );
    app.get('/api/qualified-lists/:id', { config: { access: AUTHORITIES }, schema: s.listDetail }, async (request) =>
      qualifiedListDetail(deps, actorOf(request), request.params.id),
    );
    app.get(
      '/api/qualified-lists/:id/export',
      { config: { access: AUTHORITIES }, schema: s.listExport },
      async (request, reply) => {
        const { list, rows } = await qualifiedListDetail(deps, actorOf(request), request.params.id);
        return sendExcel(
          reply,
          `合格名单-${list.title}`,
          [
            { header: '准考证号', width: 20, value: (r) => r.ticketNumber },
            { header: '姓名', value: (r) => r.name },
            { header: '身份证号', width: 22, value: (r) => r.maskedIdNumber },
            { header: '类别/工种', width: 30, value: (r) => r.categoryLabel },
            { header: '工作单位', width: 30, value: (r) => r.enterpriseName },
            { header: '考场', width: 24, value: (r) => r.sessionName },
            { header: '理论成绩', value: (r) => r.theory },
            { header: '实操成绩', value: (r) => r.practical },
            { header: '证书编号', width: 26, value: (r) => r.certificateNumber },
            { header: '有效期至', value: (r) => r.expiresOn },
          ],
          rows,
        );
      },
    );
    app.get(
      '/api/qualified-lists/:id/national-check',
      { config: { access: PROVINCE }, schema: s.nationalCheck },
      async (request) => checkQualifiedList(deps, actorOf(request), request.params.id),
    );
    app.post('/api/qualified-lists/:id/confirm', { config: { access: PROVINCE }, schema: s.confirmList }, async (request) =>
      confirmQualifiedList(deps, requestContext(request), request.params.id, request.body?.overrideReason),
    );
    app.post(
      '/api/qualified-lists/:id/return',
      {
        config: { access: PROVINCE },
        schema: { ...s.returnList, response: { 200: ok } },
      },
      async (request) => {
        await returnQualifiedList(deps, requestContext(request), request.params.id, request.body.reason);
        return { ok: true as const };
      },
    );

    // —— 打印证书: single and batch (background job with progress) ——
    app.post('/api/qualified-lists/:id/print-jobs', { config: { access: AUTHORITIES }, schema: s.startPrint }, async (request) =>
      startBatchPrint(deps, requestContext(request), request.params.id, originOf(deps.config)),
    );
    app.get('/api/print-jobs/:id', { config: { access: AUTHORITIES }, schema: s.printProgress }, async (request) =>
      batchPrintProgress(deps, actorOf(request), request.params.id),
    );
    app.get('/api/print-jobs/:id/pdf', { config: { access: AUTHORITIES }, schema: s.printFile }, async (request, reply) => {
      const { name, pdf } = await batchPrintFile(deps, actorOf(request), request.params.id);
      return sendPdf(reply, name, pdf);
    });
    app.get(
      '/api/certificates/:id/pdf',
      { config: { access: only('city', 'province', 'enterprise', 'candidate') }, schema: s.certificatePdf },
      async (request, reply) => {
        const { number, pdf } = await printCertificate(deps, requestContext(request), request.params.id, originOf(deps.config));
        return sendPdf(reply, `证书-${number}`, pdf);
      },
    );

    // —— one certificate: history, and the authority's 暂扣 / 恢复 / 撤销 / 注销 ——
    app.get(
      '/api/certificates/:id',
      { config: { access: only('city', 'province', 'enterprise', 'candidate') }, schema: s.detail },
      async (request) => certificateDetail(deps, actorOf(request), request.params.id),
    );
    for (const action of Object.keys(CERTIFICATE_TRANSITIONS) as CertificateAction[]) {
      app.post(
        `/api/certificates/:id/${action}`,
        {
          config: { access: AUTHORITIES },
          schema: s.changeState,
        },
        async (request) => changeCertificateState(deps, requestContext(request), request.params.id, action, request.body.reason),
      );
    }

    // —— lists and exports ——
    app.get(
      '/api/certificates',
      {
        config: { access: only('city', 'province', 'enterprise', 'candidate') },
        schema: s.list,
      },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return listCertificates(deps, actorOf(request), filter, { page, pageSize });
      },
    );
    app.get(
      '/api/certificates/export',
      { config: { access: only('city', 'province', 'enterprise') }, schema: s.export },
      async (request, reply) => {
        const { rows } = await listCertificates(deps, actorOf(request), request.query, { page: 1, pageSize: EXPORT_LIMIT });
        return sendExcel(
          reply,
          '证书列表',
          [
            { header: '证书编号', width: 26, value: (r) => r.number },
            { header: '姓名', value: (r) => r.name },
            { header: '身份证号', width: 22, value: (r) => r.maskedIdNumber },
            { header: '类别/工种', width: 30, value: (r) => r.categoryLabel },
            { header: '工作单位', width: 30, value: (r) => r.enterpriseName },
            { header: '发证地区', value: (r) => r.jurisdictionName },
            { header: '发证日期', value: (r) => r.issuedOn },
            { header: '有效期至', value: (r) => r.expiresOn },
            { header: '状态', width: 10, value: (r) => r.statusLabel },
            // Authorities' rows carry the national state; an enterprise's export has no such column.
            ...(rows.some((r) => r.nationalState)
              ? [{ header: '全国平台', width: 10, value: (r: (typeof rows)[number]) => NATIONAL_STATE_LABELS[r.nationalState!] }]
              : []),
          ],
          rows,
        );
      },
    );
    app.get(
      '/api/certificates/national-export',
      { config: { access: AUTHORITIES }, schema: s.nationalExport },
      async (request, reply) => {
        const body = await exportNationalCertificates(deps, requestContext(request), request.query);
        return reply
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('电子证照数据')}.json`)
          .header('cache-control', 'private, no-store')
          .send(body);
      },
    );
  };
