import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { AUTHENTICATED, only, PUBLIC } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { ok } from '../../http/schemas.js';
import { getPassMarks } from '../exams/pass-marks.js';
import { changePassMarks, changeSecurityPolicy, changeStudyRules, describeProvince, studyRulesView } from './change-settings.js';
import { getSecurityPolicy } from './security-policy.js';
import { settingsSchemas as s } from './settings.schemas.js';

// Pass marks and study rules are the province's business, not the system administrator's (三权分立);
// the security policy is the security administrator's.
const PROVINCE = only('province');
const SECADMIN = only('secadmin');

export const settingsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    // The login page shows the province's name before anyone signs in.
    app.get('/api/settings/province', { config: { access: PUBLIC }, schema: s.province }, async () => describeProvince(deps));

    // 学时设置: required 学时 per category and the daily cap.
    app.get('/api/settings/study-rules', { config: { access: AUTHENTICATED }, schema: s.studyRules }, async () =>
      studyRulesView(deps),
    );
    app.put(
      '/api/settings/study-rules',
      { config: { access: PROVINCE }, schema: { ...s.changeStudyRules, response: { 200: ok } } },
      async (request) => {
        await changeStudyRules(deps, requestContext(request), request.body);
        return { ok: true as const };
      },
    );

    // 合格分数线: every result list follows at once (within seconds).
    app.get('/api/settings/pass-marks', { config: { access: AUTHENTICATED }, schema: s.passMarks }, async () =>
      getPassMarks(deps.db),
    );
    app.put(
      '/api/settings/pass-marks',
      { config: { access: PROVINCE }, schema: { ...s.changePassMarks, ...s.passMarks } },
      async (request) => changePassMarks(deps, requestContext(request), request.body),
    );

    app.get('/api/settings/security-policy', { config: { access: SECADMIN }, schema: s.securityPolicy }, async () =>
      getSecurityPolicy(deps.db),
    );
    app.put(
      '/api/settings/security-policy',
      { config: { access: SECADMIN }, schema: { ...s.changeSecurityPolicy, ...s.securityPolicy } },
      async (request) => changeSecurityPolicy(deps, requestContext(request), request.body),
    );
  };
