import { spawn } from 'node:child_process';
import { afterAll, beforeAll } from 'vitest';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp, type App } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openPglite, openPostgres, type Database } from '../src/server/db/client.js';
import { DEMO_PASSWORD, loadDemoDataIfNeeded } from '../src/server/modules/bootstrap/demo-data.js';
import { installIfNeeded, type IssuedCredential } from '../src/server/modules/bootstrap/install.js';
import { saveSecurityPolicy, getSecurityPolicy } from '../src/server/modules/settings/security-policy.js';
import { LocalFileStorage } from '../src/server/storage/file-storage.js';
import { generateDemoSeal } from '../src/server/security/province-seal.js';
import { PersonalDataGuard } from './personal-data-guard.js';
import { sessions } from '../src/server/db/schema/index.js';

/**
 * Integration tests run twice in the test command: TEST_DB=pglite (in-memory
 * embedded Postgres) and TEST_DB=postgres (a fresh database per test file on
 * the server at TEST_DATABASE_URL). A missing server fails loudly, never skips.
 */
export const TEST_DB = (process.env.TEST_DB ?? 'pglite') as 'pglite' | 'postgres';
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type TestDatabase = { database: Database; url?: string; drop(): Promise<void> };

export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_DB === 'pglite') {
    const database = openPglite(undefined);
    return { database, drop: () => database.close() };
  }
  const name = `agt_t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString(), 20);
  return {
    database,
    url: url.toString(),
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A migrated, empty database of its own for this test file, without an app: for tests of SQL itself. */
export function useBareDatabase(): () => Database['db'] {
  let testDb: TestDatabase | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    await testDb.database.migrate();
  });
  afterAll(async () => {
    await testDb?.drop();
  });
  return () => testDb!.database.db;
}

export const testSecrets = () => ({
  sessionSecret: randomBytes(32),
  fieldEncryptionKey: randomBytes(32),
  seal: generateDemoSeal(),
});

export type TestApp = App & {
  installed: IssuedCredential[];
  guard: PersonalDataGuard;
  testDb: TestDatabase;
  close(): Promise<void>;
  /** A signed-in client for a demo login (password Demo@2026 unless given). */
  login(login: string, password?: string): Promise<Client>;
  anonymous(): Promise<Client>;
  /** A signed-in client for any account, its session made directly in the database (no password check). */
  sessionFor(accountId: string): Promise<Client>;
};

export type Response = { status: number; body: any; headers: Record<string, unknown> };

/** A cookie-carrying client over app.inject, sending the CSRF header like the web app does. */
export class Client {
  cookies: Record<string, string> = {};
  constructor(
    private readonly app: App['app'],
    private readonly ip = '10.0.0.1',
  ) {}

  async request(
    method: string,
    url: string,
    body?: unknown,
    opts: { csrf?: boolean; ip?: string; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...opts.headers };
    const cookie = Object.entries(this.cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    if (cookie) headers.cookie = cookie;
    if (opts.csrf !== false && this.cookies.agt_csrf) headers['x-csrf-token'] = this.cookies.agt_csrf;
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      headers,
      remoteAddress: opts.ip ?? this.ip,
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) delete this.cookies[c.name];
      else this.cookies[c.name] = c.value;
    }
    let parsed: unknown = res.body;
    try {
      parsed = JSON.parse(res.body);
    } catch {
      /* not JSON (Excel, HTML) */
    }
    return { status: res.statusCode, body: parsed, headers: res.headers };
  }
  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown, opts?: { csrf?: boolean; ip?: string; headers?: Record<string, string> }) {
    return this.request('POST', url, body ?? {}, opts);
  }
  put(url: string, body?: unknown) {
    return this.request('PUT', url, body ?? {});
  }
  /** Multipart upload of one file, as the web form sends it. */
  async upload(kind: string, data: Buffer, fileName = 'scan.jpg'): Promise<Response> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(data)]), fileName);
    const res = await this.app.inject({
      method: 'POST',
      url: `/api/files?kind=${kind}`,
      headers: {
        cookie: Object.entries(this.cookies)
          .map(([k, v]) => `${k}=${v}`)
          .join('; '),
        'x-csrf-token': this.cookies.agt_csrf ?? '',
      },
      remoteAddress: this.ip,
      payload: form,
    });
    return { status: res.statusCode, body: res.json(), headers: res.headers };
  }

  /** Multipart post of one file to any route (imports). */
  async postFile(url: string, data: Buffer, fileName = 'upload.xlsx'): Promise<Response> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(data)]), fileName);
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: form,
      remoteAddress: this.ip,
      headers: {
        cookie: Object.entries(this.cookies)
          .map(([k, v]) => `${k}=${v}`)
          .join('; '),
        'x-csrf-token': this.cookies.agt_csrf ?? '',
      },
    });
    return { status: res.statusCode, body: res.json(), headers: res.headers };
  }

  /** Obtains the CSRF cookie, as the web app does on its first page load. */
  async prime(): Promise<this> {
    await this.get('/api/auth/me');
    return this;
  }
}

let ipCounter = 0;

/**
 * `twoFactor: 'policy'` runs the app under the shipped security policy, where
 * authorities and operators must enrol a TOTP second factor. Without it no role
 * is required to: the other tests sign in as the same demo account many times a
 * second, which a code usable once per 30 seconds cannot honestly serve, and
 * they test other things. The two-factor tests opt in.
 */
export async function createTestApp(
  opts: {
    now?: () => Date;
    testDb?: TestDatabase;
    demo?: boolean;
    demoRegistrations?: boolean;
    webDir?: string;
    twoFactor?: 'policy' | 'not-required';
    /** Environment the configuration is read from (e.g. NATIONAL_PLATFORM_URL). */
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<TestApp> {
  const testDb = opts.testDb ?? (await createTestDatabase());
  await testDb.database.migrate();
  const config = { ...loadConfig(opts.env ?? {}), webDir: opts.webDir ?? '/nonexistent' };
  const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'agt-uploads-'));
  const built = await buildApp({
    config,
    database: testDb.database,
    secrets: sharedSecrets,
    now: opts.now,
    logger: false,
    strictResponses: true,
    storage: new LocalFileStorage(uploads),
  });
  const guard = new PersonalDataGuard(built.deps);
  guard.watch(built.app);
  const installed = await installIfNeeded(built.deps);
  // Tests start from empty queues unless they ask for the demo registrations.
  if (opts.demo !== false) await loadDemoDataIfNeeded(built.deps, { registrations: opts.demoRegistrations ?? false });
  if (opts.twoFactor !== 'policy')
    await saveSecurityPolicy(built.deps.db, { ...(await getSecurityPolicy(built.deps.db)), twoFactorRoles: [] }, null);
  await built.app.ready();
  return {
    ...built,
    installed,
    testDb,
    guard,
    close: async () => {
      await guard.scanAudit();
      await built.app.close();
      if (!opts.testDb) await testDb.drop();
      fs.rmSync(uploads, { recursive: true, force: true });
      // What no caller may see, seen anywhere in this file's requests, fails the file.
      if (guard.violations.length) throw new Error(`personal data exposed:\n${[...new Set(guard.violations)].join('\n')}`);
    },
    sessionFor: async (accountId: string) => {
      const k = ++ipCounter;
      const token = built.deps.sessions.newToken();
      await built.deps.db.insert(sessions).values({ tokenHash: built.deps.sessions.hash(token), accountId });
      const client = new Client(built.app, `10.3.${Math.floor(k / 250) % 250}.${k % 250}`);
      client.cookies = { agt_sid: token, agt_csrf: `direct-${k}` };
      return client;
    },
    anonymous: () => new Client(built.app, `10.1.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`).prime(),
    login: async (login: string, password = DEMO_PASSWORD) => {
      // Each client gets its own address so per-address login limits never couple tests.
      const client = await new Client(built.app, `10.2.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`).prime();
      const res = await client.post('/api/auth/login', { username: login, password });
      if (res.status !== 200 || !res.body.account)
        throw new Error(`login ${login} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return client;
    },
  };
}

// One key set per test process: apps sharing a database (the two-process test) must agree.
export const sharedSecrets = testSecrets();

export type SecondProcess = {
  /** A request to the other process, with a cookie header, answered with status and JSON body. */
  request(method: string, url: string, cookies: Record<string, string>, body?: unknown): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
};

/**
 * A real second server process (its own event loop, pool, listener and caches)
 * on the test's PostgreSQL database, as behind a load balancer.
 */
export async function startSecondProcess(testDb: TestDatabase): Promise<SecondProcess> {
  if (!testDb.url) throw new Error('a second process needs PostgreSQL (PGlite is in-process)');
  const script = path.join(path.dirname(new URL(import.meta.url).pathname), 'second-process.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: {
      ...process.env,
      SECOND_PROCESS_DATABASE_URL: testDb.url,
      SECOND_PROCESS_SECRETS: `${sharedSecrets.sessionSecret.toString('hex')}:${sharedSecrets.fieldEncryptionKey.toString('hex')}`,
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`second process exited (${code}) before listening`)));
  });
  return {
    async request(method, url, cookies, body) {
      const headers: Record<string, string> = {
        cookie: Object.entries(cookies)
          .map(([k, v]) => `${k}=${v}`)
          .join('; '),
      };
      if (cookies.agt_csrf) headers['x-csrf-token'] = cookies.agt_csrf;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`http://127.0.0.1:${port}${url}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
