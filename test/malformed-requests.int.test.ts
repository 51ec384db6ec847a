import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../src/shared/domain/roles.js';
import { accounts } from '../src/server/db/schema/index.js';
import { Client, createTestApp, type TestApp } from './harness.js';

/**
 * What a scanner sends, to every registered route as a caller the route admits:
 * a NUL byte in every text field and query, multipart without a boundary, a
 * path parameter of 150 characters. Each must be a 4xx with a Chinese message,
 * never a 5xx or Fastify's English. New routes join automatically.
 */
let t: TestApp;
const accountOf = new Map<Role, string>();
let k = 0;

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ROLES) {
    const [a] = await t.deps.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.role, role)).limit(1);
    if (a) accountOf.set(role, a.id);
  }
});
afterAll(async () => t?.close());

async function clientFor(access: TestApp['routes'][number]['access']): Promise<Client> {
  if (!access || 'public' in access) {
    const c = new Client(t.app, `10.6.${Math.floor(++k / 250) % 250}.${k % 250}`);
    c.cookies = { agt_csrf: `malformed-${k}` };
    return c;
  }
  return t.sessionFor(accountOf.get(access.roles === 'authenticated' ? 'province' : access.roles[0]!)!);
}

const CHINESE = /[\u4e00-\u9fa5]/;
const NUL = '\u0000';
const hostileBody = Object.fromEntries(
  [
    'name',
    'reason',
    'title',
    'username',
    'displayName',
    'idNumber',
    'phone',
    'password',
    'number',
    'address',
    'room',
    'body',
    'description',
    'keyword',
    'q',
    'newJob',
    'listTitle',
    'currentPassword',
    'newPassword',
    'code',
  ].map((f) => [f, `x${NUL}y`]),
);

describe('malformed requests', () => {
  it('never answer 5xx or without a Chinese message, on any route', async () => {
    const failures: string[] = [];
    const check = (label: string, res: { status: number; body: unknown }) => {
      const message = (res.body as { error?: { message?: string } } | null)?.error?.message ?? '';
      if (res.status >= 500) failures.push(`${label} → ${res.status}`);
      else if (res.status >= 400 && !CHINESE.test(message))
        failures.push(`${label} → ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
    };
    for (const route of t.routes.filter((r) => r.url.startsWith('/api/'))) {
      const uuidPath = route.url.replace(/:([a-zA-Z]+)/g, '00000000-0000-4000-8000-000000000000');
      const label = `${route.method} ${route.url}`;
      // NUL byte in the query and in every text field of a JSON body.
      const c1 = await clientFor(route.access);
      check(
        `${label} NUL`,
        await c1.request(
          route.method,
          `${uuidPath}?keyword=a%00b&name=%00&q=%00`,
          route.method === 'GET' ? undefined : hostileBody,
        ),
      );
      // A path parameter of 150 characters.
      if (route.url.includes(':')) {
        const c2 = await clientFor(route.access);
        check(
          `${label} long param`,
          await c2.request(
            route.method,
            route.url.replace(/:([a-zA-Z]+)/g, 'a'.repeat(150)),
            route.method === 'GET' ? undefined : {},
          ),
        );
      }
      // multipart/form-data without a boundary.
      if (route.method !== 'GET') {
        const c3 = await clientFor(route.access);
        const res = await t.app.inject({
          method: route.method as 'POST',
          url: uuidPath,
          payload: 'garbage',
          remoteAddress: '10.6.255.1',
          headers: {
            'content-type': 'multipart/form-data',
            cookie: Object.entries(c3.cookies)
              .map(([n, v]) => `${n}=${v}`)
              .join('; '),
            'x-csrf-token': c3.cookies.agt_csrf!,
          },
        });
        let body: unknown = null;
        try {
          body = res.json();
        } catch {
          /* not JSON */
        }
        check(`${label} multipart without boundary`, { status: res.statusCode, body });
      }
    }
    expect(failures).toEqual([]);
  });

  it('unknown API paths answer 404 in Chinese; HEAD / answers like GET /', async () => {
    const c = await t.anonymous();
    const unknown = await c.get('/api/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(CHINESE);
    // With a web app served, as in production.
    const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agt-web-'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>安管通</title>');
    const web = await createTestApp({ webDir, demo: false });
    try {
      const get = await web.app.inject({ method: 'GET', url: '/' });
      const head = await web.app.inject({ method: 'HEAD', url: '/' });
      expect(get.statusCode).toBe(200);
      expect(head.statusCode).toBe(200);
      expect(head.headers['content-type']).toBe(get.headers['content-type']);
    } finally {
      await web.close();
      fs.rmSync(webDir, { recursive: true, force: true });
    }
  });
});
