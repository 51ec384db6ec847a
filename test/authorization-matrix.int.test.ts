import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/shared/domain/roles.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { DEMO_CANDIDATE } from '../src/server/modules/bootstrap/demo-data.js';
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

async function callerClient(caller: (typeof CALLERS)[number]): Promise<Client> {
  return caller.login ? t.login(caller.login) : t.anonymous();
}

describe('authorization matrix', () => {
  it('covers every API route with a declared policy', () => {
    const api = t.routes.filter((r) => r.url.startsWith('/api/') || r.url === '/healthz');
    expect(api.length).toBeGreaterThan(15);
    for (const r of api) expect(r.access, `${r.method} ${r.url}`).toBeDefined();
  });

  it('refuses to start with a route that declares no policy', async () => {
    const { app } = await buildApp({ config: { ...loadConfig({}), webDir: '/none' }, database: t.testDb.database, secrets: testSecrets(), logger: false });
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
        if (caller.role !== null && !allowed && res.status !== 403) failures.push(`${label} (role outside the policy must get 403)`);
      }
    }
    expect(failures).toEqual([]);
  });
});
