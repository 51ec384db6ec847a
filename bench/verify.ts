import os from 'node:os';
import Fastify from 'fastify';
import pg from 'pg';
import { benchApp, load, round, withScratchDatabase } from './harness.js';

const CERTIFICATES = Number(process.env.BENCH_CERTIFICATES ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SAMPLE = 2000;

/** Certificate i's id and QR token as the product makes them (id bytes, then 16 secret bytes, base64url). */
const ID_SQL = (i: string) => `md5('c' || ${i})::uuid`;
const TOKEN_SQL = (i: string) =>
  `rtrim(translate(encode(decode(md5('c' || ${i}), 'hex') || substring(sha256(('s' || ${i})::bytea) from 1 for 16), 'base64'), '+/', '-_'), '=')`;

/**
 * `verify`: the public QR verification (lookup by token, joined with holder and
 * employer, logged in public_lookups, rate limiter on) on 1,000,000 certificates,
 * against a bare Fastify route doing one primary-key lookup of the same table.
 */
export async function run(): Promise<string> {
  return withScratchDatabase(async (url) => {
    // The limiter stays on; its limit is set above what the load sends from one address.
    const { app, db, close } = await benchApp(url, { PUBLIC_LOOKUPS_PER_MINUTE: '100000000' });
    const started = Date.now();
    await db.query(`INSERT INTO enterprises (name, credit_code, jurisdiction_code)
      SELECT '基准建筑工程有限公司' || i, '91220100' || lpad(i::text, 9, '0') || 'X', '220100' FROM generate_series(1, 1000) i`);
    await db.query(`INSERT INTO persons (id, name, id_number_enc, id_number_hash, id_number_masked, gender, birth_date)
      SELECT md5('p' || i)::uuid, '持证人' || i, 'enc', md5('p' || i), '220100********' || lpad((i % 10000)::text, 4, '0'), 'male', date '1980-01-01' FROM generate_series(1, ${CERTIFICATES}) i`);
    const { rows: companies } = await db.query(`SELECT id FROM enterprises ORDER BY credit_code`);
    await db.query(
      `INSERT INTO certificates (id, number, verify_token, person_id, category, enterprise_id, jurisdiction_code, issued_on, expires_on, source)
      SELECT ${ID_SQL('i')}, '吉建安C2（2026）' || lpad(i::text, 7, '0'), ${TOKEN_SQL('i')}, md5('p' || i)::uuid, 'C2', ($1::uuid[])[1 + i % 1000], '220100', date '2026-01-05', date '2029-01-04', 'exam'
      FROM generate_series(1, ${CERTIFICATES}) i`,
      [companies.map((c) => c.id)],
    );
    await db.query('VACUUM ANALYZE');
    const seeded = (Date.now() - started) / 1000;

    const { rows: sample } = await db.query(`SELECT id, verify_token FROM certificates TABLESAMPLE SYSTEM (1) LIMIT ${SAMPLE}`);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const requests = sample.map((s) => ({ method: 'GET', path: `/api/public/certificates/verify/${s.verify_token}` }));
    const check = await fetch(`${base}${requests[0].path}`);
    if (check.status !== 200) throw new Error(`verify check failed: ${check.status} ${await check.text()}`);

    const pool = new pg.Pool({ connectionString: url, max: 10 });
    pool.on('error', () => undefined);
    const bare = Fastify();
    bare.get(
      '/c/:id',
      async (request) =>
        (await pool.query('SELECT * FROM certificates WHERE id = $1', [(request.params as { id: string }).id])).rows[0],
    );
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const bareBase = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;
    const bareRequests = sample.map((s) => ({ method: 'GET', path: `/c/${s.id}` }));

    await load({ url: base, rotate: requests, seconds: 2 });
    await load({ url: bareBase, rotate: bareRequests, seconds: 2 });
    const baseline = await load({ url: bareBase, rotate: bareRequests, seconds: SECONDS });
    const appLoad = await load({ url: base, rotate: requests, seconds: SECONDS });
    const {
      rows: [logged],
    } = await db.query(`SELECT count(*)::int AS n FROM public_lookups WHERE found`);

    await bare.close();
    await pool.end();
    await close();

    const ratio = appLoad.rps / baseline.rps;
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
    console.log(`${CERTIFICATES} certificates seeded in ${round(seeded, 1)} s; ${logged.n} lookups logged`);
    console.log(
      `verify: app ${round(appLoad.rps, 0)} req/s p99 ${appLoad.p99} ms | bare ${round(baseline.rps, 0)} req/s p99 ${baseline.p99} ms`,
    );
    const errors = appLoad.errors + appLoad.non2xx;
    return `verify: ratio=${round(ratio)} rps=${round(appLoad.rps, 0)} p99_ms=${appLoad.p99} bare_rps=${round(baseline.rps, 0)} errors=${errors}`;
  });
}
