import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { createTestDatabase, testSecrets, type TestDatabase } from './harness.js';

/** What the server believes about the client's address, and what it lets caches keep. */
let db: TestDatabase;
const apps: App[] = [];

async function appWith(env: Record<string, string>) {
  const built = await buildApp({
    config: { ...loadConfig(env), webDir: '/none' },
    database: db.database,
    secrets: testSecrets(),
    logger: false,
  });
  built.app.get('/api/test/ip', { config: { access: { public: true } } }, async (request) => ({ ip: request.ip }));
  await built.app.ready();
  apps.push(built);
  return built.app;
}

beforeAll(async () => {
  db = await createTestDatabase();
  await db.database.migrate();
});
afterAll(async () => {
  for (const a of apps) await a.app.close();
  await db.drop();
});

describe('TRUST_PROXY', () => {
  it('a forged X-Forwarded-For is ignored unless it comes from a trusted proxy', async () => {
    const ipOf = async (env: Record<string, string>, remoteAddress: string, xff: string) =>
      (
        await (
          await appWith(env)
        ).inject({ method: 'GET', url: '/api/test/ip', remoteAddress, headers: { 'x-forwarded-for': xff } })
      ).json().ip;
    expect(await ipOf({}, '198.51.100.7', '1.2.3.4')).toBe('198.51.100.7');
    expect(await ipOf({ TRUST_PROXY: '10.0.0.5' }, '198.51.100.7', '1.2.3.4')).toBe('198.51.100.7');
    expect(await ipOf({ TRUST_PROXY: '10.0.0.5' }, '10.0.0.5', '1.2.3.4')).toBe('1.2.3.4');
    // One proxy in front: only the address it appended counts, not what the client wrote before it.
    expect(await ipOf({ TRUST_PROXY: '1' }, '10.0.0.5', '6.6.6.6, 203.0.113.9')).toBe('203.0.113.9');
  });
});

describe('caching', () => {
  it('personal JSON answers carry Cache-Control: no-store', async () => {
    const app = await appWith({});
    const res = await app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('cookies are Secure when the public address is https', async () => {
    const app = await appWith({ PUBLIC_BASE_URL: 'https://agt.example.cn' });
    const res = await app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(String(res.headers['set-cookie'])).toMatch(/agt_csrf=[^;]+;.*Secure/);
  });
});
