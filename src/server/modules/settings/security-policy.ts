import { eq } from 'drizzle-orm';
import { DEFAULT_SECURITY_POLICY, securityPolicySchema, type SecurityPolicy } from '../../../shared/domain/security-policy.js';
import type { Executor } from '../../db/client.js';
import { settings } from '../../db/schema/index.js';

const KEY = 'security_policy';

// Read on every login and session check; a short cache keeps that off the
// database while a change by the security administrator still reaches every
// server process within seconds.
const CACHE_MS = 5_000;
let cached: { at: number; policy: SecurityPolicy } | undefined;

export async function getSecurityPolicy(exec: Executor): Promise<SecurityPolicy> {
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.policy;
  const [row] = await exec.select().from(settings).where(eq(settings.key, KEY));
  const parsed = row ? securityPolicySchema.safeParse(row.value) : undefined;
  const policy = parsed?.success ? parsed.data : DEFAULT_SECURITY_POLICY;
  cached = { at: Date.now(), policy };
  return policy;
}

export async function saveSecurityPolicy(exec: Executor, policy: SecurityPolicy, by: string | null): Promise<void> {
  await exec
    .insert(settings)
    .values({ key: KEY, value: policy, updatedBy: by })
    .onConflictDoUpdate({ target: settings.key, set: { value: policy, updatedBy: by, updatedAt: new Date() } });
  cached = undefined;
}

export function forgetCachedSecurityPolicy(): void {
  cached = undefined;
}
