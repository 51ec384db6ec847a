import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STUDY_RULES } from '../../../shared/domain/study-rules.js';
import { rowsOf } from '../../db/client.js';
import { useBareDatabase } from '../../../../test/harness.js';
import { accrue, type AccrualInput } from './accrual.js';

/**
 * The heartbeat accrues in the database (agt_accrue, one round trip per
 * heartbeat); accrual.ts is the readable reference with its unit tests. The two
 * must agree on every input: here on 2,000 random ones plus the edges.
 */
const db = useBareDatabase();

// A small deterministic generator, so a failure can be replayed.
function generator(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

describe('agt_accrue agrees with accrue()', () => {
  it('on 2,000 random heartbeats and the edges', async () => {
    const rnd = generator(20261201);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const rules = DEFAULT_STUDY_RULES;
    const dailyCap = rules.dailyCapHours * 45 * 60;
    const cases: { elapsed: number; input: Omit<AccrualInput, 'now' | 'lastHeartbeatAt'> }[] = [];
    for (let i = 0; i < 2000; i++) {
      const duration = pick([60, 600, 2700, 3600]);
      const furthest = Math.floor(rnd() * duration);
      cases.push({
        elapsed: pick([0, 1, 29, 30, 35, 36, 120, 4000, Math.floor(rnd() * 100)]),
        input: {
          reportedPosition: pick([
            0,
            furthest,
            furthest + 30,
            furthest + 40.5,
            furthest + 41,
            duration,
            duration + 100,
            rnd() * duration,
          ]),
          furthestPosition: furthest,
          playing: rnd() > 0.2,
          visible: rnd() > 0.2,
          lessonDurationSeconds: duration,
          creditedForLesson: pick([0, Math.floor(rnd() * duration), duration, duration - 10]),
          creditedToday: pick([0, dailyCap, dailyCap - 10, Math.floor(rnd() * dailyCap)]),
          snapshotId: rnd() > 0.2 ? 'snap' : null,
        },
      });
    }
    const t0 = new Date('2026-12-01T02:00:00Z');
    const expected = cases.map((c) =>
      accrue({ ...c.input, now: new Date(t0.getTime() + c.elapsed * 1000), lastHeartbeatAt: t0 }, rules),
    );
    const col = <T>(f: (c: (typeof cases)[number]) => T) => sql.param(cases.map(f));
    const result = await db().execute(sql`
      SELECT a.credited, a.invalid, a.furthest, a.position_refused FROM unnest(
        ${col((c) => c.elapsed)}::int[], ${col((c) => c.input.reportedPosition)}::float8[], ${col((c) => c.input.furthestPosition)}::float8[],
        ${col((c) => c.input.playing)}::boolean[], ${col((c) => c.input.visible)}::boolean[], ${col((c) => c.input.lessonDurationSeconds)}::int[],
        ${col((c) => c.input.creditedForLesson)}::int[], ${col((c) => c.input.creditedToday)}::int[], ${col((c) => c.input.snapshotId !== null)}::boolean[]
      ) WITH ORDINALITY AS v(elapsed, pos, furthest, playing, visible, duration, for_lesson, today, snap, n)
      CROSS JOIN LATERAL agt_accrue(v.elapsed, v.pos, v.furthest, v.playing, v.visible, v.duration, v.for_lesson, v.today, v.snap,
        ${rules.heartbeatCapSeconds}::int, ${rules.positionToleranceSeconds}::int, ${dailyCap}::int) a
      ORDER BY v.n`);
    const actual = rowsOf<{ credited: number; invalid: unknown; furthest: number; position_refused: boolean }>(result).map(
      (r) => ({
        credited: Number(r.credited),
        invalid: typeof r.invalid === 'string' ? JSON.parse(r.invalid) : r.invalid,
        furthestPosition: Number(r.furthest),
        positionRefused: r.position_refused,
      }),
    );
    expect(actual).toHaveLength(cases.length);
    const reasons = new Set(expected.flatMap((e) => e.invalid.map((p) => p.reason)));
    expect(reasons).toEqual(
      new Set(['gap', 'hidden', 'paused', 'position_jump', 'capture_missing', 'daily_cap', 'lesson_complete']),
    );
    expect(actual).toEqual(expected);
  });
});
