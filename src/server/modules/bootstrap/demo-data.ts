import { eq, sql } from 'drizzle-orm';
import { creditCodeCheckChar } from '../../../shared/domain/credit-code.js';
import { idNumberCheckChar, maskIdNumber } from '../../../shared/domain/id-number.js';
import type { Role } from '../../../shared/domain/roles.js';
import type { Deps } from '../../deps.js';
import { accounts, enterprises, persons, settings } from '../../db/schema/index.js';
import { hashPassword } from '../../security/passwords.js';
import { loadDemoCourses } from './demo-courses.js';
import { loadDemoCertificates } from './demo-certificates.js';
import { loadDemoRegistrations } from './demo-registrations.js';

/** Documented in the README; demo accounts only exist when the product starts with demo data. */
export const DEMO_PASSWORD = 'Demo@2026';

const creditCode = (first17: string) => first17 + creditCodeCheckChar(first17);
const idNumber = (first17: string) => first17 + idNumberCheckChar(first17);

export const DEMO_ENTERPRISES = [
  { key: 'a', name: '长春建工集团有限公司', creditCode: creditCode('91220101MA0Y3K7B2'), jurisdictionCode: '220100' },
  { key: 'b', name: '吉林市城建工程有限公司', creditCode: creditCode('91220201MA1A2B3C4'), jurisdictionCode: '220200' },
] as const;

export const DEMO_CANDIDATE = { name: '张伟', idNumber: idNumber('22010219900307123'), phone: '13800000001' };

export type DemoAccount = {
  username: string;
  role: Role;
  displayName: string;
  login: string;
  jurisdictionCode?: string;
  enterpriseKey?: 'a' | 'b';
};

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'demo-province', login: 'demo-province', role: 'province', displayName: '吉林省住建厅安全处' },
  {
    username: 'demo-city-cc',
    login: 'demo-city-cc',
    role: 'city',
    displayName: '长春市住房和城乡建设局',
    jurisdictionCode: '220100',
  },
  {
    username: 'demo-city-jl',
    login: 'demo-city-jl',
    role: 'city',
    displayName: '吉林市住房和城乡建设局',
    jurisdictionCode: '220200',
  },
  {
    username: 'demo-ent-a',
    login: 'demo-ent-a',
    role: 'enterprise',
    displayName: DEMO_ENTERPRISES[0].name,
    jurisdictionCode: '220100',
    enterpriseKey: 'a',
  },
  {
    username: 'demo-ent-b',
    login: 'demo-ent-b',
    role: 'enterprise',
    displayName: DEMO_ENTERPRISES[1].name,
    jurisdictionCode: '220200',
    enterpriseKey: 'b',
  },
  { username: 'demo-training', login: 'demo-training', role: 'training', displayName: '吉林省建设安全培训中心' },
  { username: '', login: DEMO_CANDIDATE.idNumber, role: 'candidate', displayName: DEMO_CANDIDATE.name },
  { username: 'demo-sysadmin', login: 'demo-sysadmin', role: 'sysadmin', displayName: '演示系统管理员' },
  { username: 'demo-secadmin', login: 'demo-secadmin', role: 'secadmin', displayName: '演示安全管理员' },
  { username: 'demo-auditadmin', login: 'demo-auditadmin', role: 'auditadmin', displayName: '演示审计管理员' },
];

const DEMO_LOCK_KEY = 72_026_003;

/** Loads the demo accounts once (marker in settings); later starts leave all data alone. */
export async function loadDemoDataIfNeeded(deps: Deps, opts: { registrations?: boolean } = {}): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${DEMO_LOCK_KEY})`);
    const [loaded] = await tx.select().from(settings).where(eq(settings.key, 'demo_loaded'));
    if (loaded) return false;
    const enterpriseIds: Record<string, string> = {};
    for (const e of DEMO_ENTERPRISES) {
      const [row] = await tx
        .insert(enterprises)
        .values({ name: e.name, creditCode: e.creditCode, jurisdictionCode: e.jurisdictionCode })
        .returning({ id: enterprises.id });
      enterpriseIds[e.key] = row.id;
    }
    const [person] = await tx
      .insert(persons)
      .values({
        name: DEMO_CANDIDATE.name,
        idNumberEnc: deps.crypto.encrypt(DEMO_CANDIDATE.idNumber),
        idNumberHash: deps.crypto.lookupHash('id', DEMO_CANDIDATE.idNumber),
        idNumberMasked: maskIdNumber(DEMO_CANDIDATE.idNumber),
        gender: 'male',
        birthDate: '1990-03-07',
        phoneEnc: deps.crypto.encrypt(DEMO_CANDIDATE.phone),
        phoneHash: deps.crypto.lookupHash('phone', DEMO_CANDIDATE.phone),
      })
      .returning({ id: persons.id });
    const accountIds: Record<string, string> = {};
    for (const a of DEMO_ACCOUNTS) {
      const [row] = await tx
        .insert(accounts)
        .values({
          username: a.username || null,
          role: a.role,
          displayName: a.displayName,
          passwordHash,
          jurisdictionCode: a.jurisdictionCode ?? null,
          enterpriseId: a.enterpriseKey ? enterpriseIds[a.enterpriseKey] : null,
          personId: a.role === 'candidate' ? person.id : null,
        })
        .returning({ id: accounts.id });
      accountIds[a.username] = row.id;
    }
    await loadDemoCourses(deps, tx, accountIds['demo-training']);
    // Candidates waiting in the queues, so every party has something to do on first start.
    if (opts.registrations !== false) {
      await loadDemoRegistrations(deps, tx, enterpriseIds.a, passwordHash);
      // …and people past their exam: certificates to print and verify, a list for the province to confirm.
      await loadDemoCertificates(deps, tx, enterpriseIds.a, passwordHash);
    }
    await tx.insert(settings).values({ key: 'demo_loaded', value: { at: new Date().toISOString() } });
    return true;
  });
}
