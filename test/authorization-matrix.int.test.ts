import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/shared/domain/roles.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { DEMO_CANDIDATE } from '../src/server/modules/bootstrap/demo-data.js';
import { eq } from 'drizzle-orm';
import { ABILITY_ROUTES, type Ability } from '../src/shared/abilities.js';
import { accounts, registrations } from '../src/server/db/schema/index.js';
import { studiedCandidates } from './factories.js';
import { jpeg } from './fixtures.js';
import { createTestApp, testSecrets, type Client, type TestApp } from './harness.js';

/**
 * Every registered route, called as every kind of caller. A route that answers
 * 2xx to a caller its policy excludes, or fails with 5xx for anyone, fails here.
 * New routes join this test automatically.
 */
const CALLERS: { name: string; role: Role | null; login?: string }[] = [
  { name: 'anonymous', role: null },
  { name: 'candidate', role: 'candidate', login: DEMO_CANDIDATE.idNumber },
  { name: 'enterprise A', role: 'enterprise', login: 'demo-ent-a' },
  { name: 'enterprise B', role: 'enterprise', login: 'demo-ent-b' },
  { name: 'training', role: 'training', login: 'demo-training' },
  { name: 'city X', role: 'city', login: 'demo-city-cc' },
  { name: 'city Y', role: 'city', login: 'demo-city-jl' },
  { name: 'province', role: 'province', login: 'demo-province' },
  { name: 'sysadmin', role: 'sysadmin', login: 'demo-sysadmin' },
  { name: 'secadmin', role: 'secadmin', login: 'demo-secadmin' },
  { name: 'auditadmin', role: 'auditadmin', login: 'demo-auditadmin' },
];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

function concrete(url: string): string {
  return url.replace(/:([a-zA-Z]+)/g, () => '00000000-0000-4000-8000-000000000000');
}

/**
 * A fresh session for the caller's account for every call (some routes end
 * sessions), made directly in the database: the matrix is about access, and
 * 1,500 password checks would only make it slow. Login itself is tested elsewhere.
 */
const accountIds = new Map<string, string>();
async function callerClient(caller: (typeof CALLERS)[number]): Promise<Client> {
  if (!caller.login) return t.anonymous();
  if (!accountIds.has(caller.login)) accountIds.set(caller.login, await accountIdOf(caller.login));
  return t.sessionFor(accountIds.get(caller.login)!);
}

async function accountIdOf(login: string): Promise<string> {
  if (login === DEMO_CANDIDATE.idNumber) {
    const [row] = await t.deps.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.displayName, DEMO_CANDIDATE.name));
    return row!.id;
  }
  const [row] = await t.deps.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, login));
  return row!.id;
}

describe('authorization matrix', () => {
  it('covers every API route with a declared policy', () => {
    const api = t.routes.filter((r) => r.url.startsWith('/api/') || r.url === '/healthz');
    expect(api.length).toBeGreaterThan(15);
    for (const r of api) expect(r.access, `${r.method} ${r.url}`).toBeDefined();
  });

  it('refuses to start with a route that declares no policy', async () => {
    const { app } = await buildApp({
      config: { ...loadConfig({}), webDir: '/none' },
      database: t.testDb.database,
      secrets: testSecrets(),
      logger: false,
    });
    expect(() => app.get('/api/undeclared', async () => ({ ok: true }))).toThrow(/declares no access policy/);
    await app.close();
  });

  it('answers every caller as its policy says', async () => {
    const failures: string[] = [];
    for (const route of t.routes) {
      if (!route.url.startsWith('/api/')) continue;
      for (const caller of CALLERS) {
        const client = await callerClient(caller);
        const res = await client.request(route.method, concrete(route.url), route.method === 'GET' ? undefined : {});
        const label = `${route.method} ${route.url} as ${caller.name} → ${res.status}`;
        const access = route.access!;
        if (res.status >= 500) failures.push(`${label} (server error)`);
        if ('public' in access) continue;
        const allowed = caller.role !== null && (access.roles === 'authenticated' || access.roles.includes(caller.role));
        if (!allowed && res.status < 400) failures.push(`${label} (must refuse)`);
        if (caller.role === null && res.status !== 401) failures.push(`${label} (anonymous must get 401)`);
        if (caller.role !== null && !allowed && res.status !== 403)
          failures.push(`${label} (role outside the policy must get 403)`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("tells each caller's screens exactly the page actions its routes accept (me.can)", async () => {
    const mismatches: string[] = [];
    for (const caller of CALLERS.filter((c) => c.role)) {
      const client = await callerClient(caller);
      const can = (await client.get('/api/auth/me')).body.account.can as Record<Ability, boolean>;
      expect(Object.keys(can).sort()).toEqual(Object.keys(ABILITY_ROUTES).sort());
      for (const [ability, key] of Object.entries(ABILITY_ROUTES) as [Ability, string][]) {
        const [method, url] = key.split(' ');
        const res = await (await callerClient(caller)).request(method!, concrete(url!), method === 'GET' ? undefined : {});
        if (can[ability] !== (res.status !== 403))
          mismatches.push(`${caller.name} ${ability}: can=${can[ability]} but ${key} → ${res.status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

/**
 * 三权分立 and the issuer chain: each row is something an operator or a
 * business account could once do outside its duty.
 */
describe('separation of duties', () => {
  it('the system administrator issues and manages system operators only, never a business account', async () => {
    const sys = await t.login('demo-sysadmin');
    const [province] = await t.deps.db
      .select()
      .from(accounts)
      .where(eq(accounts.username, t.installed.find((c) => c.role === 'province')!.username));
    for (const role of ['province', 'city', 'training'] as const) {
      const res = await sys.post('/api/accounts', {
        role,
        username: `sys-made-${role}`,
        displayName: '某账号',
        jurisdictionCode: '220100',
      });
      expect(res.status, role).toBe(400);
      expect(res.body.error.message).toBe(
        `角色：系统管理员不能创建${{ province: '省厅安全处', city: '市(州)主管部门', training: '培训机构' }[role]}账号`,
      );
    }
    const listed = await sys.get('/api/accounts?pageSize=100');
    expect(listed.body.rows.map((r: { role: string }) => r.role)).toEqual(listed.body.rows.map(() => 'sysadmin'));
    const [provinceAccount] = (await (await t.login('demo-province')).get('/api/accounts?pageSize=1')).body.rows;
    for (const id of [province!.id, provinceAccount?.id].filter(Boolean)) {
      expect((await sys.post(`/api/accounts/${id}/reset-password`)).status).toBe(404);
      expect((await sys.post(`/api/accounts/${id}/disable`, { reason: '测试停用' })).status).toBe(404);
    }
    const operator = await sys.post('/api/accounts', {
      role: 'sysadmin',
      username: 'sys-operator-2',
      displayName: '第二系统管理员',
    });
    expect(operator.status).toBe(200);
  });

  it('pass marks, study rules and the security policy belong to the province and the security administrator', async () => {
    const sys = await t.login('demo-sysadmin');
    expect((await sys.put('/api/settings/pass-marks', { safety: 10, theory: 10, practical: 10 })).status).toBe(403);
    expect((await sys.put('/api/settings/study-rules', {})).status).toBe(403);
    expect((await sys.get('/api/settings/security-policy')).status).toBe(403);
    expect((await (await t.login('demo-auditadmin')).get('/api/settings/security-policy')).status).toBe(403);
    expect((await (await t.login('demo-secadmin')).get('/api/audit')).status).toBe(403);
  });

  it('no operator reaches personal records or files', async () => {
    const [c] = await studiedCandidates(t, 1);
    const photo = await c.client.upload('photo', await jpeg());
    await t.deps.db.update(registrations).set({ photoFileId: photo.body.id }).where(eq(registrations.id, c.registrationId));
    expect((await (await t.login('demo-city-cc')).request('GET', `/api/files/${photo.body.id}`)).status).toBe(200);
    for (const who of ['demo-sysadmin', 'demo-secadmin', 'demo-auditadmin']) {
      const op = await t.login(who);
      expect((await op.request('GET', `/api/files/${photo.body.id}`)).status, who).toBe(404);
    }
  });

  it('candidates are reset through the city they registered with', async () => {
    const [c] = await studiedCandidates(t, 1, { jurisdictionCode: '220100' });
    const [account] = await t.deps.db.select().from(accounts).where(eq(accounts.personId, c.personId));
    expect((await (await t.login('demo-city-jl')).post(`/api/accounts/${account.id}/reset-password`)).status).toBe(404);
    expect((await (await t.login('demo-sysadmin')).post(`/api/accounts/${account.id}/reset-password`)).status).toBe(404);
    const reset = await (await t.login('demo-city-cc')).post(`/api/accounts/${account.id}/reset-password`);
    expect(reset.status).toBe(200);
    expect(reset.body.temporaryPassword).toBeTruthy();
  });
});
