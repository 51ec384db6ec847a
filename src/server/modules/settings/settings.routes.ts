import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CATEGORY_CODES } from '../../../shared/domain/categories.js';
import { securityPolicyChangeSchema } from '../../../shared/domain/security-policy.js';
import type { Deps } from '../../deps.js';
import { AUTHENTICATED, only, PUBLIC } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { getPassMarks } from '../exams/pass-marks.js';
import { changePassMarks, changeSecurityPolicy, changeStudyRules, describeProvince, studyRulesView } from './change-settings.js';
import { getSecurityPolicy } from './security-policy.js';

const hours = (min: number, max: number) =>
  z.number().int('应为整数').min(min, `不能少于${min}学时`).max(max, `不能超过${max}学时`);
const mark = z.number().int('应为整数').min(1, '不能低于1分').max(100, '不能高于100分');
// Pass marks and study rules are the province's business, not the system administrator's (三权分立);
// the security policy is the security administrator's.
const PROVINCE = only('province');
const SECADMIN = only('secadmin');

export const settingsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    // The login page shows the province's name before anyone signs in.
    app.get('/api/settings/province', { config: { access: PUBLIC } }, async () => describeProvince(deps));

    // 学时设置: required 学时 per category and the daily cap.
    app.get('/api/settings/study-rules', { config: { access: AUTHENTICATED } }, async () => studyRulesView(deps));
    app.put(
      '/api/settings/study-rules',
      {
        config: { access: PROVINCE },
        schema: {
          body: z.object({
            requiredHours: z.partialRecord(z.enum(CATEGORY_CODES), hours(1, 200)),
            dailyCapHours: hours(1, 12),
            continuingHours: hours(1, 200).optional(),
          }),
        },
      },
      async (request) => {
        await changeStudyRules(deps, requestContext(request), request.body);
        return { ok: true };
      },
    );

    // 合格分数线: every result list follows at once (within seconds).
    app.get('/api/settings/pass-marks', { config: { access: AUTHENTICATED } }, async () => getPassMarks(deps.db));
    app.put(
      '/api/settings/pass-marks',
      { config: { access: PROVINCE }, schema: { body: z.object({ safety: mark, theory: mark, practical: mark }) } },
      async (request) => changePassMarks(deps, requestContext(request), request.body),
    );

    app.get('/api/settings/security-policy', { config: { access: SECADMIN } }, async () => getSecurityPolicy(deps.db));
    app.put(
      '/api/settings/security-policy',
      { config: { access: SECADMIN }, schema: { body: securityPolicyChangeSchema } },
      async (request) => changeSecurityPolicy(deps, requestContext(request), request.body),
    );
  };
