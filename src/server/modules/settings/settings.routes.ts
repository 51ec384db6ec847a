import { asc } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { securityPolicySchema } from '../../../shared/domain/security-policy.js';
import type { Deps } from '../../deps.js';
import { jurisdictions } from '../../db/schema/index.js';
import { only, PUBLIC, requireActor } from '../../http/actor.js';
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

  app.get('/api/settings/security-policy', { config: { access: only('secadmin', 'sysadmin') } }, async () => getSecurityPolicy(deps.db));

  app.put('/api/settings/security-policy', { config: { access: only('secadmin') }, schema: { body: securityPolicySchema } }, async (request) => {
    const ctx = requestContext(request);
    const actor = requireActor(ctx);
    await deps.db.transaction(async (tx) => {
      const before = await getSecurityPolicy(tx);
      await saveSecurityPolicy(tx, request.body, actor.accountId);
      await recordAudit(tx, ctx, { action: 'settings.security_policy_changed', outcome: 'success', targetType: 'settings', targetId: 'security_policy', detail: { before, after: request.body } });
    });
    return getSecurityPolicy(deps.db);
  });
};
