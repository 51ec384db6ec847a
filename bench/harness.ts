import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { generateDemoSeal } from '../src/server/security/province-seal.js';
import { loadConfig } from '../src/server/config.js';
import { openPostgres } from '../src/server/db/client.js';
import { installIfNeeded } from '../src/server/modules/bootstrap/install.js';
import { idNumberCheckChar, maskIdNumber } from '../src/shared/domain/id-number.js';

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh database on the bench server, dropped afterwards: benchmarks never touch other data. */
export async function withScratchDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `agt_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

export type Load = { rps: number; p99: number; errors: number; non2xx: number; statusCodes?: Record<string, { count: number }> };

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'load-worker.mjs');

/**
 * Fixed-duration load on loopback from a second process (autocannon), bounded
 * in time and connections. The server under test keeps its event loop to itself.
 */
export type LoadRequest = { method: string; path: string; body?: string; headers?: Record<string, string> };

export async function load(opts: {
  url: string;
  headers?: Record<string, string>;
  paths?: string[];
  requests?: LoadRequest[];
  rotate?: LoadRequest[];
  amount?: number;
  seconds: number;
  connections?: number;
}): Promise<Load> {
  // The options (2,000 requests with their cookies) are too long for a command line: hand over a file.
  const file = path.join(os.tmpdir(), `agt-load-${randomBytes(4).toString('hex')}.json`);
  fs.writeFileSync(file, JSON.stringify(opts));
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [WORKER, file], { timeout: (opts.seconds + 30) * 1000 });
    return JSON.parse(stdout) as Load;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

export const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/** The real server on a scratch PostgreSQL database, installed, plus a plain client for seeding. */
export async function benchApp(url: string, env: NodeJS.ProcessEnv = {}) {
  const database = openPostgres(url, 10);
  await database.migrate();
  const { app, deps } = await buildApp({
    config: { ...loadConfig(env), webDir: '/none' },
    database,
    // With the seal, as production always signs certificate PDFs (province-seal.ts).
    secrets: { sessionSecret: randomBytes(32), fieldEncryptionKey: randomBytes(32), seal: generateDemoSeal() },
    logger: false,
  });
  await installIfNeeded(deps);
  const db = new pg.Client({ connectionString: url });
  db.on('error', () => undefined);
  await db.connect();
  return {
    app,
    deps,
    db,
    async close() {
      await db.end();
      await app.close();
      await database.close();
    },
  };
}

/**
 * A candidate made directly in the database (no password hashing): person,
 * account, approved C2 registration in 长春 and a signed-in server session.
 * `serial` keeps ID numbers unique and valid.
 */
export async function seedCandidate(
  db: pg.Client,
  deps: Awaited<ReturnType<typeof benchApp>>['deps'],
  serial: number,
  sequence: string,
): Promise<{ personId: string; cookie: string }> {
  const first17 = `220100${new Date(Date.UTC(1970, 0, 1) + serial * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '')}${sequence}`;
  const idNumber = first17 + idNumberCheckChar(first17);
  const {
    rows: [p],
  } = await db.query(
    `INSERT INTO persons (name, id_number_enc, id_number_hash, id_number_masked, gender, birth_date) VALUES ($1, $2, $3, $4, 'male', $5) RETURNING id`,
    [
      `学员${serial}`,
      deps.crypto.encrypt(idNumber),
      deps.crypto.lookupHash('id', idNumber),
      maskIdNumber(idNumber),
      `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
    ],
  );
  const {
    rows: [a],
  } = await db.query(
    `INSERT INTO accounts (role, display_name, password_hash, person_id) VALUES ('candidate', $1, 'x', $2) RETURNING id`,
    [`学员${serial}`, p.id],
  );
  await db.query(
    `INSERT INTO registrations (person_id, category, jurisdiction_code, status, submitted_at, approved_at) VALUES ($1, 'C2', '220100', 'approved', now(), now())`,
    [p.id],
  );
  const token = deps.sessions.newToken();
  await db.query(`INSERT INTO sessions (token_hash, account_id) VALUES ($1, $2)`, [deps.sessions.hash(token), a.id]);
  return { personId: p.id, cookie: `agt_sid=${token}; agt_csrf=bench` };
}

/** A published C2 course with one long text lesson, owned by the province administrator. */
export async function seedPlanLesson(db: pg.Client, seconds: number): Promise<string> {
  const {
    rows: [owner],
  } = await db.query(`SELECT id FROM accounts WHERE role = 'province' LIMIT 1`);
  const {
    rows: [course],
  } = await db.query(`INSERT INTO courses (title, owner_account_id, published) VALUES ('基准课程', $1, true) RETURNING id`, [
    owner.id,
  ]);
  await db.query(`INSERT INTO course_categories (course_id, category) VALUES ($1, 'C2')`, [course.id]);
  const {
    rows: [lesson],
  } = await db.query(
    `INSERT INTO lessons (course_id, title, kind, duration_seconds, body) VALUES ($1, '基准课时', 'document', $2, '正文') RETURNING id`,
    [course.id, seconds],
  );
  return lesson.id;
}
