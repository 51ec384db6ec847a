import { randomBytes } from 'node:crypto';
import os from 'node:os';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openPostgres } from '../src/server/db/client.js';
import { newTotpSecret, totpFor } from '../src/server/modules/auth/totp.js';
import { installIfNeeded } from '../src/server/modules/bootstrap/install.js';
import { FieldCrypto } from '../src/server/security/field-crypto.js';
import { hashPassword } from '../src/server/security/passwords.js';
import { idNumberCheckChar, maskIdNumber } from '../src/shared/domain/id-number.js';
import { DEFAULT_PROVINCE } from '../src/shared/domain/province.js';
import { load, round, withScratchDatabase } from './harness.js';

const REGISTRATIONS = Number(process.env.BENCH_ROWS ?? 200_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CATEGORIES = ['A', 'B', 'C1', 'C2', 'C3', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11'];
const STATUSES = [
  ['awaiting_authority', 30],
  ['approved', 50],
  ['awaiting_employer', 10],
  ['returned', 10],
] as const;

function pickStatus(r: number): string {
  let acc = 0;
  for (const [s, w] of STATUSES) if ((acc += w) > r * 100) return s;
  return 'approved';
}

/** 200,000 persons and registrations spread over the jurisdictions, inserted in batches. */
export async function seed(url: string, crypto: FieldCrypto): Promise<{ changchunIds: string[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const jurisdictions = DEFAULT_PROVINCE.jurisdictions.map((j) => j.code);
  const { rows: ents } = await client.query<{ id: string; jurisdiction_code: string }>(
    'SELECT id, jurisdiction_code FROM enterprises',
  );
  const entBy = new Map(ents.map((e) => [e.jurisdiction_code, e.id]));
  const changchunIds: string[] = [];
  const batch = 2000;
  const now = Date.now();
  for (let start = 0; start < REGISTRATIONS; start += batch) {
    const personValues: unknown[] = [];
    const regValues: unknown[] = [];
    const personRows: string[] = [];
    const regRows: string[] = [];
    for (let i = start; i < Math.min(start + batch, REGISTRATIONS); i++) {
      // Unique, valid ID numbers: jurisdiction × birth day (20–60 years old) × sequence.
      const j = jurisdictions[i % jurisdictions.length];
      const dayIndex = Math.floor(i / jurisdictions.length) % 14_600;
      const seq = Math.floor(i / (jurisdictions.length * 14_600));
      const birth = new Date(Date.UTC(1966, 0, 1) + dayIndex * 86_400_000);
      const first17 = `${j}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
      const idNumber = first17 + idNumberCheckChar(first17);
      if (j === '220100' && changchunIds.length < 200 && i % 7 === 0) changchunIds.push(idNumber);
      const p = personValues.length;
      personRows.push(`($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6})`);
      personValues.push(
        `学员${i}`,
        crypto.encrypt(idNumber),
        crypto.lookupHash('id', idNumber),
        maskIdNumber(idNumber),
        i % 2 ? 'male' : 'female',
        birth.toISOString().slice(0, 10),
      );
      const category = CATEGORIES[(i * 7) % CATEGORIES.length];
      const r = regValues.length;
      regRows.push(
        `((SELECT id FROM persons WHERE id_number_hash = $${r + 1}), $${r + 2}, $${r + 3}, $${r + 4}, $${r + 5}, $${r + 6})`,
      );
      regValues.push(
        crypto.lookupHash('id', idNumber),
        category,
        j,
        category.length <= 2 && /^[ABC]/.test(category) ? (entBy.get(j) ?? null) : null,
        pickStatus(((i * 2654435761) % 1000) / 1000),
        new Date(now - (i % 365) * 86_400_000 - (i % 86_400) * 1000),
      );
    }
    await client.query(
      `INSERT INTO persons (name, id_number_enc, id_number_hash, id_number_masked, gender, birth_date) VALUES ${personRows.join(',')}`,
      personValues,
    );
    await client.query(
      `INSERT INTO registrations (person_id, category, jurisdiction_code, enterprise_id, status, submitted_at) VALUES ${regRows.join(',')}`,
      regValues,
    );
  }
  // A live table is autovacuumed; a freshly loaded one is not yet: vacuum so both sides read the same pages.
  await client.query('VACUUM ANALYZE');
  await client.end();
  return { changchunIds };
}

export async function run(): Promise<string> {
  return withScratchDatabase(async (url) => {
    const database = openPostgres(url, 10);
    await database.migrate();
    const secrets = { sessionSecret: randomBytes(32), fieldEncryptionKey: randomBytes(32) };
    const { app, deps } = await buildApp({ config: { ...loadConfig({}), webDir: '/none' }, database, secrets, logger: false });
    await installIfNeeded(deps);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const password = 'Bench#2026x';
    await client.query(
      `INSERT INTO accounts (username, role, display_name, password_hash, jurisdiction_code) VALUES ('bench-city', 'city', '长春市', $1, '220100')`,
      [await hashPassword(password)],
    );
    // City accounts must have a second factor under the default policy: the bench signs in as an enrolled one, as in production.
    const totpSecret = newTotpSecret();
    await client.query(
      `INSERT INTO account_totp (account_id, secret_enc, confirmed_at) SELECT id, $1, now() FROM accounts WHERE username = 'bench-city'`,
      [deps.crypto.encrypt(totpSecret)],
    );
    for (const j of DEFAULT_PROVINCE.jurisdictions) {
      await client.query('INSERT INTO enterprises (name, credit_code, jurisdiction_code) VALUES ($1, $2, $3)', [
        `${j.name}建工`,
        `BENCH${j.code}0000000`.slice(0, 18),
        j.code,
      ]);
    }
    await client.end();

    const started = Date.now();
    const { changchunIds } = await seed(url, deps.crypto);
    const seedSeconds = (Date.now() - started) / 1000;

    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const base = `http://127.0.0.1:${port}`;
    const csrf = 'bench-csrf';
    const passwordStep = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `agt_csrf=${csrf}`, 'x-csrf-token': csrf },
      body: JSON.stringify({ username: 'bench-city', password }),
    });
    const { pendingToken } = (await passwordStep.json()) as { pendingToken?: string };
    const login = await fetch(`${base}/api/auth/login/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `agt_csrf=${csrf}`, 'x-csrf-token': csrf },
      body: JSON.stringify({ pendingToken, code: totpFor(totpSecret, 'bench-city').generate() }),
    });
    const sid = /agt_sid=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
    if (!sid) throw new Error(`bench login failed: ${login.status}`);
    // What a browser sends: the session and the CSRF cookie it was given on its first page.
    const headers = { cookie: `agt_sid=${sid}; agt_csrf=${csrf}` };

    // The bare baseline: one Fastify route, one indexed query, same database, same process.
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    pool.on('error', () => undefined);
    const bare = Fastify();
    bare.get(
      '/page',
      async () =>
        (
          await pool.query(
            `SELECT id, status, category, submitted_at FROM registrations
        WHERE jurisdiction_code = '220100' AND status = 'awaiting_authority' AND category = 'C2' AND deleted_at IS NULL
        ORDER BY submitted_at DESC LIMIT 20`,
          )
        ).rows,
    );
    bare.get(
      '/lookup',
      async (request) =>
        (
          await pool.query(
            'SELECT r.id, r.status FROM registrations r JOIN persons p ON p.id = r.person_id WHERE p.id_number_hash = $1',
            [(request.query as { h: string }).h],
          )
        ).rows,
    );
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const barePort = (bare.server.address() as { port: number }).port;

    // Exact lookups of 50 real candidates of 长春: the app hashes the typed number, the bare route gets the hash.
    const idPaths = changchunIds.slice(0, 50).map((id) => `/api/review/registrations?idNumber=${id}`);
    const hashPaths = changchunIds.slice(0, 50).map((id) => `/lookup?h=${encodeURIComponent(deps.crypto.lookupHash('id', id))}`);
    const pagePath = ['/api/review/registrations?status=awaiting_authority&category=C2&page=1&pageSize=20'];

    const first = await fetch(`${base}${pagePath[0]}`, { headers });
    const firstBody = (await first.json()) as { total: number; rows: unknown[] };
    if (first.status !== 200 || firstBody.rows.length !== 20)
      throw new Error(`unexpected first page: ${first.status} ${JSON.stringify(firstBody).slice(0, 200)}`);
    const found = (await (await fetch(`${base}${idPaths[0]}`, { headers })).json()) as { total: number };
    if (found.total !== 1) throw new Error(`ID lookup found ${found.total} rows`);

    await load({ url: base, headers, paths: pagePath, seconds: 2 }); // warm-up
    const basePage = await load({ url: `http://127.0.0.1:${barePort}`, paths: ['/page'], seconds: SECONDS });
    const appPage = await load({ url: base, headers, paths: pagePath, seconds: SECONDS });
    const baseLookup = await load({ url: `http://127.0.0.1:${barePort}`, paths: hashPaths, seconds: SECONDS });
    const appLookup = await load({ url: base, headers, paths: idPaths, seconds: SECONDS });

    await bare.close();
    await pool.end();
    await app.close();
    await database.close();

    const pageRatio = appPage.rps / basePage.rps;
    const lookupRatio = appLookup.rps / baseLookup.rps;
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
    console.log(
      `seeded ${REGISTRATIONS} registrations in ${round(seedSeconds, 1)} s; queue total for 长春 C2 待审核 = ${firstBody.total}`,
    );
    console.log(
      `first page: app ${round(appPage.rps, 0)} req/s p99 ${appPage.p99} ms | bare ${round(basePage.rps, 0)} req/s p99 ${basePage.p99} ms | ratio ${round(pageRatio)}`,
    );
    console.log(
      `ID lookup:  app ${round(appLookup.rps, 0)} req/s p99 ${appLookup.p99} ms | bare ${round(baseLookup.rps, 0)} req/s p99 ${baseLookup.p99} ms | ratio ${round(lookupRatio)}`,
    );
    const errors = appPage.errors + appPage.non2xx + appLookup.errors + appLookup.non2xx;
    return `review-queue: ratio=${round(Math.min(pageRatio, lookupRatio))} page_ratio=${round(pageRatio)} lookup_ratio=${round(lookupRatio)} page_rps=${round(appPage.rps, 0)} lookup_rps=${round(appLookup.rps, 0)} page_p99_ms=${appPage.p99} lookup_p99_ms=${appLookup.p99} rows=${REGISTRATIONS} queue_total=${firstBody.total} errors=${errors}`;
  });
}
