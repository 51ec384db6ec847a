import { asc } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CATEGORY_CODES } from '../../../shared/domain/categories.js';
import { securityPolicyChangeSchema } from '../../../shared/domain/security-policy.js';
import { getStudyRules, saveStudyRules } from '../learning/study-rules.js';
import { getPassMarks, savePassMarks } from '../exams/pass-marks.js';
import type { Deps } from '../../deps.js';
import { jurisdictions } from '../../db/schema/index.js';
import { AUTHENTICATED, only, PUBLIC, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { recordAudit } from '../audit/record-audit.js';
import { getProvinceSettings } from './province-settings.js';
import { getSecurityPolicy, saveSecurityPolicy } from './security-policy.js';

export const settingsRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  // The login page shows the province's name before anyone signs in.
  app.get('/api/settings/province', { config: { access: PUBLIC } }, async () => {
    const province = await getProvinceSettings(deps.db);
    return { ...province, jurisdictions: await deps.db.select().from(jurisdictions).orderBy(asc(jurisdictions.sortOrder)) };
  });

  // 学时设置: required 学时 per category and the daily cap, edited by the province (or the system administrator).
  app.get('/api/settings/study-rules', { config: { access: AUTHENTICATED } }, async () => {
    const rules = await getStudyRules(deps.db);
    return { requiredHours: Object.fromEntries(CATEGORY_CODES.map((c) => [c, rules.requiredHours[c] ?? rules.defaultRequiredHours])), dailyCapHours: rules.dailyCapHours, continuingHours: rules.continuingHours };
  });
  app.put('/api/settings/study-rules', {
    // Pass marks and study rules are the province's business, not the system administrator's (三权分立).
    config: { access: only('province') },
    schema: { body: z.object({
      requiredHours: z.partialRecord(z.enum(CATEGORY_CODES), z.number().int('应为整数').min(1, '不能少于1学时').max(200, '不能超过200学时')),
      dailyCapHours: z.number().int('应为整数').min(1, '不能少于1学时').max(12, '不能超过12学时'),
      continuingHours: z.number().int('应为整数').min(1, '不能少于1学时').max(200, '不能超过200学时').optional(),
    }) },
  }, async (request) => {
    const ctx = requestContext(request);
    const actor = requireActor(ctx);
    await deps.db.transaction(async (tx) => {
      const before = await getStudyRules(tx);
      const current = { ...before, requiredHours: { ...before.requiredHours, ...request.body.requiredHours }, dailyCapHours: request.body.dailyCapHours, continuingHours: request.body.continuingHours ?? before.continuingHours };
      await saveStudyRules(tx, current, actor.accountId);
      await recordAudit(tx, ctx, { action: 'settings.study_rules_changed', outcome: 'success', targetType: 'settings', targetId: 'study_rules', detail: { requiredHours: request.body.requiredHours, dailyCapHours: request.body.dailyCapHours, continuingHours: current.continuingHours } });
    });
    return { ok: true };
  });

  // 合格分数线: pass marks, edited by the province; every result list follows at once (within seconds).
  const mark = z.number().int('应为整数').min(1, '不能低于1分').max(100, '不能高于100分');
  app.get('/api/settings/pass-marks', { config: { access: AUTHENTICATED } }, async () => getPassMarks(deps.db));
  app.put('/api/settings/pass-marks', {
    // Pass marks and study rules are the province's business, not the system administrator's (三权分立).
    config: { access: only('province') },
    schema: { body: z.object({ safety: mark, theory: mark, practical: mark }) },
  }, async (request) => {
    const ctx = requestContext(request);
    const actor = requireActor(ctx);
    await deps.db.transaction(async (tx) => {
      const before = await getPassMarks(tx);
      await savePassMarks(tx, request.body, actor.accountId);
      await recordAudit(tx, ctx, { action: 'settings.pass_marks_changed', outcome: 'success', targetType: 'settings', targetId: 'pass_marks', detail: { before, after: request.body } });
    });
    return getPassMarks(deps.db);
  });

  app.get('/api/settings/security-policy', { config: { access: only('secadmin') } }, async () => getSecurityPolicy(deps.db));

  app.put('/api/settings/security-policy', { config: { access: only('secadmin') }, schema: { body: securityPolicyChangeSchema } }, async (request) => {
    const ctx = requestContext(request);
    const actor = requireActor(ctx);
    await deps.db.transaction(async (tx) => {
      const before = await getSecurityPolicy(tx);
      const after = { ...request.body, twoFactorRoles: [...new Set(request.body.twoFactorRoles ?? before.twoFactorRoles)] };
      await saveSecurityPolicy(tx, after, actor.accountId);
      await recordAudit(tx, ctx, { action: 'settings.security_policy_changed', outcome: 'success', targetType: 'settings', targetId: 'security_policy', detail: { before, after } });
    });
    return getSecurityPolicy(deps.db);
  });
};
