import { DEFAULT_SECURITY_POLICY, securityPolicySchema, type SecurityPolicy } from '../../../shared/domain/security-policy.js';
import type { Executor } from '../../db/client.js';
import { forgetAllSessionsHere } from '../auth/session-cache.js';
import { cachedSetting } from './settings-cache.js';

const policySetting = cachedSetting<SecurityPolicy>('security_policy', (stored) => {
  const parsed = stored === undefined ? undefined : securityPolicySchema.safeParse(stored);
  return parsed?.success ? parsed.data : DEFAULT_SECURITY_POLICY;
});

export const getSecurityPolicy = (exec: Executor): Promise<SecurityPolicy> => policySetting.get(exec);

export async function saveSecurityPolicy(exec: Executor, policy: SecurityPolicy, by: string | null): Promise<void> {
  await policySetting.save(exec, policy, by);
  // Other processes hear the database's notice; this one re-reads its sessions at once.
  forgetAllSessionsHere();
}
