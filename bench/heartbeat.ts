import os from 'node:os';
import Fastify from 'fastify';
import pg from 'pg';
import { benchApp, load, round, seedCandidate, seedPlanLesson, withScratchDatabase } from './harness.js';

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

/**
 * `heartbeat`: 2,000 learners, each signed in with a study session and a received
 * snapshot, sending heartbeats through the real server; against a bare route doing
 * one single-row update of the same table.
 */
export async function run(): Promise<string> {
  return withScratchDatabase(async (url) => {
    const { app, deps, db, close } = await benchApp(url);
    // One lesson long enough that nobody completes it during the run.
    const lessonId = await seedPlanLesson(db, 36000);

    // Learners: a signed-in approved candidate with an active study session and a received snapshot.
    const learners: { cookie: string; sessionId: string }[] = [];
    const now = new Date();
    for (let i = 0; i < LEARNERS; i++) {
      const { personId, cookie } = await seedCandidate(db, deps, i, '001');
      const {
        rows: [s],
      } = await db.query(
        `INSERT INTO study_sessions (person_id, lesson_id, started_at, last_heartbeat_at) VALUES ($1, $2, $3, $3) RETURNING id`,
        [personId, lessonId, now],
      );
      await db.query(`INSERT INTO lesson_progress (person_id, lesson_id) VALUES ($1, $2)`, [personId, lessonId]);
      await db.query(
        `INSERT INTO captures (session_id, person_id, lesson_id, due_at, window_ends_at, status, captured_at) VALUES ($1, $2, $3, $4, $4, 'received', $4)`,
        [s.id, personId, lessonId, now],
      );
      await db.query(
        `INSERT INTO captures (session_id, person_id, lesson_id, due_at, window_ends_at) VALUES ($1, $2, $3, now() + interval '1 day', now() + interval '1 day')`,
        [s.id, personId, lessonId],
      );
      learners.push({ cookie, sessionId: s.id });
    }
    await db.query('VACUUM ANALYZE');

    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const body = JSON.stringify({ position: 0, playing: true, visible: true });
    const requests = learners.map((l) => ({
      method: 'POST',
      path: `/api/study/sessions/${l.sessionId}/heartbeat`,
      body,
      headers: { cookie: l.cookie, 'x-csrf-token': 'bench', 'content-type': 'application/json' },
    }));
    const check = await fetch(`${base}${requests[0].path}`, { method: 'POST', headers: requests[0].headers, body });
    if (check.status !== 200) throw new Error(`heartbeat check failed: ${check.status} ${await check.text()}`);

    const pool = new pg.Pool({ connectionString: url, max: 10 });
    pool.on('error', () => undefined);
    const bare = Fastify();
    bare.post('/hb/:id', async (request) => {
      await pool.query('UPDATE study_sessions SET last_heartbeat_at = now() WHERE id = $1', [
        (request.params as { id: string }).id,
      ]);
      return { ok: true };
    });
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const barePort = (bare.server.address() as { port: number }).port;
    const bareRequests = learners.map((l) => ({
      method: 'POST',
      path: `/hb/${l.sessionId}`,
      body,
      headers: { 'content-type': 'application/json' },
    }));

    await load({ url: base, rotate: requests, seconds: 2 });
    const baseline = await load({ url: `http://127.0.0.1:${barePort}`, rotate: bareRequests, seconds: SECONDS });
    const appLoad = await load({ url: base, rotate: requests, seconds: SECONDS });
    const {
      rows: [ledger],
    } = await db.query(
      `SELECT count(*)::int AS rows, coalesce(sum(seconds) FILTER (WHERE valid), 0)::int AS credited FROM study_ledger`,
    );

    await bare.close();
    await pool.end();
    await close();

    const ratio = appLoad.rps / baseline.rps;
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
    console.log(`${LEARNERS} learners; ledger rows ${ledger.rows}, credited ${ledger.credited} s`);
    console.log(
      `heartbeat: app ${round(appLoad.rps, 0)} req/s p99 ${appLoad.p99} ms | bare ${round(baseline.rps, 0)} req/s p99 ${baseline.p99} ms`,
    );
    const errors = appLoad.errors + appLoad.non2xx;
    return `heartbeat: ratio=${round(ratio)} rps=${round(appLoad.rps, 0)} p99_ms=${appLoad.p99} bare_rps=${round(baseline.rps, 0)} errors=${errors}`;
  });
}
