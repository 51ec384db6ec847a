import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';

/**
 * The review queue reads its total from registration_counts and its names from
 * copies on the registration, both kept by database triggers. Whatever changes
 * the rows (one row or many in a statement, status, category, jurisdiction,
 * soft or hard delete), the rollup equals counting them.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demoRegistrations: true });
});
afterAll(async () => {
  await t?.close();
});

const exec = (q: ReturnType<typeof sql>) => t.deps.db.execute(q);
async function expectRollupEqualsRows() {
  const diff = rowsOf(
    await exec(sql`
    SELECT coalesce(r.jurisdiction_code, c.jurisdiction_code) AS j, coalesce(r.status, c.status) AS s, coalesce(r.category, c.category) AS k, r.n AS counted, c.n AS rolled
      FROM (SELECT jurisdiction_code, status, category, count(*)::int AS n FROM registrations WHERE deleted_at IS NULL GROUP BY 1, 2, 3) r
      FULL JOIN (SELECT * FROM registration_counts WHERE n <> 0) c USING (jurisdiction_code, status, category)
     WHERE r.n IS DISTINCT FROM c.n`),
  );
  expect(diff).toEqual([]);
}

describe('registration rollup and copies', () => {
  it('the rollup equals counting the rows after every kind of change', async () => {
    const [{ n }] = rowsOf<{ n: number }>(await exec(sql`SELECT count(*)::int AS n FROM registrations WHERE deleted_at IS NULL`));
    expect(n).toBeGreaterThan(3);
    await expectRollupEqualsRows();
    await exec(
      sql`UPDATE registrations SET status = 'approved' WHERE id IN (SELECT id FROM registrations WHERE status <> 'approved' ORDER BY id LIMIT 2)`,
    );
    await expectRollupEqualsRows();
    await exec(sql`UPDATE registrations SET category = CASE WHEN category = 'C2' THEN 'C1' ELSE 'C2' END`);
    await expectRollupEqualsRows();
    await exec(sql`UPDATE registrations SET education = education`); // touches no key: writes nothing to the rollup
    await expectRollupEqualsRows();
    await exec(sql`UPDATE registrations SET deleted_at = now() WHERE id = (SELECT id FROM registrations ORDER BY id LIMIT 1)`);
    await expectRollupEqualsRows();
    await exec(
      sql`UPDATE registrations SET jurisdiction_code = '220200' WHERE deleted_at IS NULL AND id = (SELECT id FROM registrations WHERE deleted_at IS NULL ORDER BY id DESC LIMIT 1)`,
    );
    await expectRollupEqualsRows();
    await t.deps.db.transaction(async (tx) => {
      await tx.execute(sql`UPDATE registrations SET status = 'returned' WHERE deleted_at IS NULL`);
      await tx.execute(sql`UPDATE registrations SET deleted_at = NULL`);
    });
    await expectRollupEqualsRows();
    await t.deps.db
      .transaction(async (tx) => {
        await tx.execute(
          sql`UPDATE registrations SET status = 'awaiting_authority' WHERE id = (SELECT id FROM registrations ORDER BY id LIMIT 1)`,
        );
        throw Object.assign(new Error('rolled back'), { expected: true });
      })
      .catch((e: { expected?: boolean }) => expect(e.expected).toBe(true));
    await expectRollupEqualsRows();
  });

  it('the queue total from the rollup is the number of rows the queue pages through', async () => {
    const city = await t.login('demo-city-jl');
    const all = await city.get('/api/review/registrations?page=1&pageSize=100');
    expect(all.body.total).toBe(all.body.rows.length);
    for (const status of ['returned', 'approved']) {
      const filtered = await city.get(`/api/review/registrations?status=${status}&page=1&pageSize=100`);
      expect(filtered.body.total).toBe(filtered.body.rows.length);
      expect(filtered.body.rows.every((r: { status: string }) => r.status === status)).toBe(true);
    }
  });

  it("a registration carries its person's current name and masked ID number", async () => {
    await exec(sql`UPDATE persons SET name = name || '甲' WHERE id = (SELECT person_id FROM registrations ORDER BY id LIMIT 1)`);
    const stale = rowsOf(
      await exec(sql`SELECT r.id FROM registrations r JOIN persons p ON p.id = r.person_id
      WHERE r.person_name IS DISTINCT FROM p.name OR r.person_id_masked IS DISTINCT FROM p.id_number_masked`),
    );
    expect(stale).toEqual([]);
  });
});
