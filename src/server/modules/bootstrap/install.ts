import { eq, sql } from 'drizzle-orm';
import { DEFAULT_PROVINCE, type ProvinceSettings } from '../../../shared/domain/province.js';
import type { Role } from '../../../shared/domain/roles.js';
import { DEFAULT_SECURITY_POLICY } from '../../../shared/domain/security-policy.js';
import type { Deps } from '../../deps.js';
import { accounts, jurisdictions, settings } from '../../db/schema/index.js';
import { generatePassword, hashPassword } from '../../security/passwords.js';
import { recordAudit } from '../audit/record-audit.js';

export type IssuedCredential = { username: string; password: string; role: Role; displayName: string };

const INSTALL_LOCK_KEY = 72_026_002;

/** The accounts that exist from installation on (SPEC §1), each with a password generated and printed once. */
const INSTALL_ACCOUNTS: { username: string; role: Role; displayName: string }[] = [
  { username: 'province-admin', role: 'province', displayName: '省厅安全处' },
  { username: 'system-admin', role: 'sysadmin', displayName: '系统管理员' },
  { username: 'security-admin', role: 'secadmin', displayName: '安全管理员' },
  { username: 'audit-admin', role: 'auditadmin', displayName: '审计管理员' },
];

/**
 * First start: writes the province settings and jurisdictions and creates the
 * administrators. Safe to call on every start and from several processes at
 * once: an advisory lock serializes them and a marker makes it run once.
 * Returns the credentials created now (empty when already installed).
 */
export async function installIfNeeded(deps: Deps, province: ProvinceSettings = DEFAULT_PROVINCE): Promise<IssuedCredential[]> {
  const prepared = await Promise.all(
    INSTALL_ACCOUNTS.map(async (a) => {
      const password = generatePassword(14);
      return { ...a, password, passwordHash: await hashPassword(password) };
    }),
  );
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${INSTALL_LOCK_KEY})`);
    const [installed] = await tx.select().from(settings).where(eq(settings.key, 'installed'));
    if (installed) return [];
    await tx
      .insert(jurisdictions)
      .values(province.jurisdictions.map((j, i) => ({ ...j, sortOrder: i })))
      .onConflictDoNothing();
    await tx
      .insert(settings)
      .values([
        { key: 'province', value: { name: province.name, abbreviation: province.abbreviation } },
        { key: 'security_policy', value: DEFAULT_SECURITY_POLICY },
      ])
      .onConflictDoNothing();
    for (const a of prepared) {
      await tx.insert(accounts).values({
        username: a.username,
        role: a.role,
        displayName: a.displayName,
        passwordHash: a.passwordHash,
        mustChangePassword: true,
      });
    }
    await tx.insert(settings).values({ key: 'installed', value: { at: new Date().toISOString() } });
    await recordAudit(
      tx,
      { ip: 'localhost', actor: null },
      {
        action: 'install.bootstrap',
        outcome: 'success',
        detail: { province: province.name, accounts: prepared.map((a) => a.username) },
      },
    );
    return prepared.map(({ username, password, role, displayName }) => ({ username, password, role, displayName }));
  });
}
