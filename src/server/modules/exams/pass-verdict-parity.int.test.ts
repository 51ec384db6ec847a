import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { SAFETY_CATEGORIES } from '../../../shared/domain/categories.js';
import { DEFAULT_PASS_MARKS, verdict } from '../../../shared/domain/pass-rules.js';
import { rowsOf } from '../../db/client.js';
import { useBareDatabase } from '../../../../test/harness.js';

/** 申请考场 refuses an earlier pass in the database (agt_passed); pass-rules.ts verdict() is the reference. */
const db = useBareDatabase();

describe('agt_passed agrees with verdict().passed', () => {
  it('on every combination of category kind, scores around the marks and absences', async () => {
    const scores = [null, 0, 599, 600, 601, 699, 700, 701, 1000];
    const cases: {
      category: string;
      theory: number | null;
      theoryAbsent: boolean;
      practical: number | null;
      practicalAbsent: boolean;
    }[] = [];
    for (const category of ['C2', 'A', '01', '99'])
      for (const theory of scores)
        for (const practical of scores)
          for (const theoryAbsent of [false, true])
            for (const practicalAbsent of [false, true])
              cases.push({ category, theory, theoryAbsent, practical, practicalAbsent });
    const marks = DEFAULT_PASS_MARKS;
    const expected = cases.map(
      (c) =>
        verdict(
          c.category,
          {
            theory: c.theory === null ? null : c.theory / 10,
            theoryAbsent: c.theoryAbsent,
            practical: c.practical === null ? null : c.practical / 10,
            practicalAbsent: c.practicalAbsent,
          },
          marks,
        ).passed,
    );
    const col = <T>(f: (c: (typeof cases)[number]) => T) => sql.param(cases.map(f));
    const result = await db().execute(sql`
      SELECT agt_passed(v.category, v.theory, v.theory_absent, v.practical, v.practical_absent,
        ${sql.param(Object.keys(SAFETY_CATEGORIES))}::text[], ${marks.safety}::float8, ${marks.theory}::float8, ${marks.practical}::float8) AS passed
      FROM unnest(${col((c) => c.category)}::text[], ${col((c) => c.theory)}::int[], ${col((c) => c.theoryAbsent)}::boolean[],
                  ${col((c) => c.practical)}::int[], ${col((c) => c.practicalAbsent)}::boolean[]) WITH ORDINALITY
        AS v(category, theory, theory_absent, practical, practical_absent, n)
      ORDER BY v.n`);
    const actual = rowsOf<{ passed: boolean }>(result).map((r) => r.passed);
    expect(expected.filter(Boolean).length).toBeGreaterThan(50);
    expect(actual).toEqual(expected);
  });
});
