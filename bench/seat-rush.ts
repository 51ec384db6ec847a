import os from 'node:os';
import Fastify from 'fastify';
import pg from 'pg';
import { benchApp, load, round, seedCandidate, seedPlanLesson, withScratchDatabase } from './harness.js';

const CANDIDATES = Number(process.env.BENCH_CANDIDATES ?? 2000);
const SEATS = Number(process.env.BENCH_SEATS ?? 100);

/**
 * `seat-rush`: 2,000 candidates who reached the hours apply at once for a room
 * of 100 seats through the real server. Exactly 100 must be accepted and every
 * other answer must be the clear "full" refusal. Baseline: a bare route doing one
 * conditional single-row update (`taken < capacity`), the same number of requests.
 */
export async function run(): Promise<string> {
  return withScratchDatabase(async (url) => {
    const { app, deps, db, close } = await benchApp(url);
    const lessonId = await seedPlanLesson(db, 270000);
    const {
      rows: [city],
    } = await db.query(
      `INSERT INTO accounts (username, role, display_name, password_hash, jurisdiction_code) VALUES ('bench-city', 'city', '长春市', 'x', '220100') RETURNING id`,
    );
    const now = new Date();
    const {
      rows: [session],
    } = await db.query(
      `INSERT INTO exam_sessions (jurisdiction_code, name, address, room, kind, starts_at, ends_at, capacity, applications_open_at, applications_close_at, status, year, sequence, created_by, published_at)
       VALUES ('220100', '抢座基准考场', '长春市', '101', 'theory', $1, $2, $3, $4, $5, 'published', 2026, 1, $6, now()) RETURNING id`,
      [
        new Date(now.getTime() + 72 * 3_600_000),
        new Date(now.getTime() + 74 * 3_600_000),
        SEATS,
        new Date(now.getTime() - 3_600_000),
        new Date(now.getTime() + 48 * 3_600_000),
        city.id,
      ],
    );
    await db.query(`INSERT INTO exam_session_categories (session_id, category) VALUES ($1, 'C2')`, [session.id]);
    await db.query(`INSERT INTO exam_seats (session_id, seat_number) SELECT $1, n FROM generate_series(1, $2::int) n`, [
      session.id,
      SEATS,
    ]);

    const requests: { method: string; path: string; headers: Record<string, string> }[] = [];
    for (let i = 0; i < CANDIDATES; i++) {
      // Each has studied 30 学时 in the plan, more than the 24 required.
      const { personId, cookie } = await seedCandidate(db, deps, i, '002');
      const {
        rows: [s],
      } = await db.query(
        `INSERT INTO study_sessions (person_id, lesson_id, started_at, last_heartbeat_at, ended_at) VALUES ($1, $2, now(), now(), now()) RETURNING id`,
        [personId, lessonId],
      );
      await db.query(
        `INSERT INTO study_ledger (person_id, lesson_id, session_id, from_at, to_at, seconds, valid) VALUES ($1, $2, $3, now() - interval '30 hours', now(), $4, true)`,
        [personId, lessonId, s.id, 30 * 2700],
      );
      requests.push({
        method: 'POST',
        path: `/api/exam-sessions/${session.id}/apply`,
        headers: { cookie, 'x-csrf-token': 'bench' },
      });
    }
    await db.query(`CREATE TABLE bench_counter (id int PRIMARY KEY, taken int NOT NULL, capacity int NOT NULL)`);
    await db.query(`INSERT INTO bench_counter VALUES (1, 0, $1)`, [SEATS]);
    await db.query('VACUUM ANALYZE');

    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    pool.on('error', () => undefined);
    const bare = Fastify();
    bare.post('/take', async (_request, reply) => {
      const r = await pool.query('UPDATE bench_counter SET taken = taken + 1 WHERE id = 1 AND taken < capacity RETURNING taken');
      return r.rowCount ? { seat: r.rows[0].taken } : reply.status(409).send({ error: 'full' });
    });
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const barePort = (bare.server.address() as { port: number }).port;

    const baseline = await load({
      url: `http://127.0.0.1:${barePort}`,
      rotate: requests.map(() => ({ method: 'POST', path: '/take' })),
      amount: CANDIDATES,
      seconds: 60,
      connections: 50,
    });
    const rush = await load({ url: base, rotate: requests, amount: CANDIDATES, seconds: 60, connections: 50 });
    const {
      rows: [taken],
    } = await db.query(`SELECT count(*)::int AS n FROM exam_seats WHERE session_id = $1 AND application_id IS NOT NULL`, [
      session.id,
    ]);
    const {
      rows: [apps],
    } = await db.query(`SELECT count(*)::int AS n FROM exam_applications WHERE session_id = $1`, [session.id]);

    await bare.close();
    await pool.end();
    await close();

    const codes = rush.statusCodes ?? {};
    const accepted = codes['200']?.count ?? 0;
    const refused = codes['409']?.count ?? 0;
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
    console.log(
      `${CANDIDATES} candidates, ${SEATS} seats: HTTP 200 ${accepted}, 409 (座位已满) ${refused}, other ${rush.errors + rush.non2xx - refused}; seats taken in the database ${taken.n}, applications ${apps.n}`,
    );
    console.log(
      `app ${round(rush.rps, 0)} req/s p99 ${rush.p99} ms | bare ${round(baseline.rps, 0)} req/s p99 ${baseline.p99} ms`,
    );
    if (taken.n !== SEATS || apps.n !== SEATS || accepted !== SEATS)
      throw new Error('seat-rush: the room did not end up with exactly its capacity');
    return `seat-rush: ratio=${round(rush.rps / baseline.rps)} accepted=${accepted} refused=${refused} p99_ms=${rush.p99} rps=${round(rush.rps, 0)} bare_rps=${round(baseline.rps, 0)}`;
  });
}
