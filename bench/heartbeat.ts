import { randomBytes } from 'node:crypto';
import os from 'node:os';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openPostgres } from '../src/server/db/client.js';
import { installIfNeeded } from '../src/server/modules/bootstrap/install.js';
import { idNumberCheckChar, maskIdNumber } from '../src/shared/domain/id-number.js';
import { load, round, withScratchDatabase } from './harness.js';

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

/**
 * `heartbeat`: 2,000 learners, each signed in with a study session and a received
 * snapshot, sending heartbeats through the real server; against a bare route doing
 * one single-row update of the same table.
 */
export async function run(): Promise<string> {
  return withScratchDatabase(async (url) => {
    const database = openPostgres(url, 10);
    await database.migrate();
    const secrets = { sessionSecret: randomBytes(32), fieldEncryptionKey: randomBytes(32) };
    const { app, deps } = await buildApp({ config: { ...loadConfig({}), webDir: '/none' }, database, secrets, logger: false });
    await installIfNeeded(deps);
    const db = new pg.Client({ connectionString: url });
    db.on('error', () => undefined);
    await db.connect();

    // One course lesson long enough that nobody completes it during the run.
    const { rows: [owner] } = await db.query(`SELECT id FROM accounts WHERE role = 'province' LIMIT 1`);
    const { rows: [course] } = await db.query(`INSERT INTO courses (title, owner_account_id, published) VALUES ('基准课程', $1, true) RETURNING id`, [owner.id]);
    await db.query(`INSERT INTO course_categories (course_id, category) VALUES ($1, 'C2')`, [course.id]);
    const { rows: [lesson] } = await db.query(`INSERT INTO lessons (course_id, title, kind, duration_seconds, body) VALUES ($1, '基准课时', 'document', 36000, '正文') RETURNING id`, [course.id]);

    // Learners: person, candidate account, approved registration, server session, study session, received snapshot.
    const learners: { cookie: string; sessionId: string }[] = [];
    const now = new Date();
    for (let i = 0; i < LEARNERS; i++) {
      const first17 = `220100${new Date(Date.UTC(1970, 0, 1) + i * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '')}001`;
      const idNumber = first17 + idNumberCheckChar(first17);
      const { rows: [p] } = await db.query(
        `INSERT INTO persons (name, id_number_enc, id_number_hash, id_number_masked, gender, birth_date) VALUES ($1, $2, $3, $4, 'male', $5) RETURNING id`,
        [`学员${i}`, deps.crypto.encrypt(idNumber), deps.crypto.lookupHash('id', idNumber), maskIdNumber(idNumber), `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`],
      );
      const { rows: [a] } = await db.query(`INSERT INTO accounts (role, display_name, password_hash, person_id) VALUES ('candidate', $1, 'x', $2) RETURNING id`, [`学员${i}`, p.id]);
      await db.query(`INSERT INTO registrations (person_id, category, jurisdiction_code, status, submitted_at) VALUES ($1, 'C2', '220100', 'approved', now())`, [p.id]);
      const token = deps.sessions.newToken();
      await db.query(`INSERT INTO sessions (token_hash, account_id) VALUES ($1, $2)`, [deps.sessions.hash(token), a.id]);
      const { rows: [s] } = await db.query(`INSERT INTO study_sessions (person_id, lesson_id, started_at, last_heartbeat_at) VALUES ($1, $2, $3, $3) RETURNING id`, [p.id, lesson.id, now]);
      await db.query(`INSERT INTO lesson_progress (person_id, lesson_id) VALUES ($1, $2)`, [p.id, lesson.id]);
      await db.query(`INSERT INTO captures (session_id, person_id, lesson_id, due_at, window_ends_at, status, captured_at) VALUES ($1, $2, $3, $4, $4, 'received', $4)`, [s.id, p.id, lesson.id, now]);
      await db.query(`INSERT INTO captures (session_id, person_id, lesson_id, due_at, window_ends_at) VALUES ($1, $2, $3, now() + interval '1 day', now() + interval '1 day')`, [s.id, p.id, lesson.id]);
      learners.push({ cookie: `agt_sid=${token}; agt_csrf=bench`, sessionId: s.id });
    }
    await db.query('VACUUM ANALYZE');

    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const body = JSON.stringify({ position: 0, playing: true, visible: true });
    const requests = learners.map((l) => ({
      method: 'POST', path: `/api/study/sessions/${l.sessionId}/heartbeat`, body,
      headers: { cookie: l.cookie, 'x-csrf-token': 'bench', 'content-type': 'application/json' },
    }));
    const check = await fetch(`${base}${requests[0].path}`, { method: 'POST', headers: requests[0].headers, body });
    if (check.status !== 200) throw new Error(`heartbeat check failed: ${check.status} ${await check.text()}`);

    const pool = new pg.Pool({ connectionString: url, max: 10 });
    pool.on('error', () => undefined);
    const bare = Fastify();
    bare.post('/hb/:id', async (request) => {
      await pool.query('UPDATE study_sessions SET last_heartbeat_at = now() WHERE id = $1', [(request.params as { id: string }).id]);
      return { ok: true };
    });
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const barePort = (bare.server.address() as { port: number }).port;
    const bareRequests = learners.map((l) => ({ method: 'POST', path: `/hb/${l.sessionId}`, body, headers: { 'content-type': 'application/json' } }));

    await load({ url: base, rotate: requests, seconds: 2 });
    const baseline = await load({ url: `http://127.0.0.1:${barePort}`, rotate: bareRequests, seconds: SECONDS });
    const appLoad = await load({ url: base, rotate: requests, seconds: SECONDS });
    const { rows: [ledger] } = await db.query(`SELECT count(*)::int AS rows, coalesce(sum(seconds) FILTER (WHERE valid), 0)::int AS credited FROM study_ledger`);

    await db.end();
    await bare.close();
    await pool.end();
    await app.close();
    await database.close();

    const ratio = appLoad.rps / baseline.rps;
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
    console.log(`${LEARNERS} learners; ledger rows ${ledger.rows}, credited ${ledger.credited} s`);
    console.log(`heartbeat: app ${round(appLoad.rps, 0)} req/s p99 ${appLoad.p99} ms | bare ${round(baseline.rps, 0)} req/s p99 ${baseline.p99} ms`);
    const errors = appLoad.errors + appLoad.non2xx;
    return `heartbeat: ratio=${round(ratio)} rps=${round(appLoad.rps, 0)} p99_ms=${appLoad.p99} bare_rps=${round(baseline.rps, 0)} errors=${errors}`;
  });
}
