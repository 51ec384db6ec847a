import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../src/server/db/schema/index.js';
import { createTestApp, startSecondProcess, TEST_DB, type TestApp } from './harness.js';

/**
 * Sessions are resolved from a per-process cache (no round trip); what ends a
 * session reaches every process through the database's notices. These tests
 * change things where the cache does not see them and wait — for a condition,
 * bounded by the one second the design promises — until the session is refused.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** Ms until `check` holds, polling as fast as the event loop allows; throws past the deadline. */
async function msUntil(check: () => Promise<boolean>, deadlineMs = 1_000): Promise<number> {
  const start = performance.now();
  for (;;) {
    if (await check()) return performance.now() - start;
    if (performance.now() - start > deadlineMs) throw new Error(`condition not met within ${deadlineMs} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const accountIdOf = async (username: string) =>
  (await t.deps.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, username)))[0]!.id;

describe('session cache', () => {
  it('a change made in the database behind the application (plain SQL) ends a cached session within one second', async () => {
    const c = await t.login('demo-ent-a');
    expect((await c.get('/api/home')).status).toBe(200); // now cached
    expect((await c.get('/api/home')).status).toBe(200);
    const id = await accountIdOf('demo-ent-a');
    await t.testDb.database.db.execute(sql`UPDATE accounts SET disabled_at = now() WHERE id = ${id}`);
    const ms = await msUntil(async () => (await c.get('/api/home')).status === 401);
    expect(ms).toBeLessThan(1_000);
    await t.deps.db.update(accounts).set({ disabledAt: null }).where(eq(accounts.id, id));
  });

  it('a session moved back past the idle limit in the database is refused, and recorded activity never moves it back', async () => {
    const c = await t.login('demo-ent-b');
    expect((await c.get('/api/home')).status).toBe(200);
    const hash = t.deps.sessions.hash(c.cookies.agt_sid);
    // Batched activity is written with greatest(): a flush cannot revive a session moved back.
    await t.deps.sessionCache.flush();
    await t.testDb.database.db.execute(
      sql`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE token_hash = ${hash}`,
    );
    await t.deps.sessionCache.flush();
    expect(await msUntil(async () => (await c.get('/api/home')).status === 401)).toBeLessThan(1_000);
  });

  it('while the listening connection is lost nothing is served from the cache; it reconnects by itself', async () => {
    const c = await t.login('demo-training');
    expect((await c.get('/api/home')).status).toBe(200);
    if (TEST_DB === 'postgres') {
      await t.testDb.database.db.execute(
        sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
      );
    } else {
      // PGlite listens in-process and cannot lose its connection: stop listening instead, and start again below.
      await t.deps.changes.stop();
    }
    await msUntil(async () => !t.deps.changes.live, 5_000);
    // A change made while nobody listens: its notice is lost, and the cache must not have been trusted.
    const id = await accountIdOf('demo-training');
    await t.testDb.database.db.execute(sql`UPDATE accounts SET disabled_at = now() WHERE id = ${id}`);
    expect((await c.get('/api/home')).status).toBe(401);
    if (TEST_DB === 'pglite') await t.deps.changes.start(t.testDb.database);
    await msUntil(async () => t.deps.changes.live, 10_000);
    await t.deps.db.update(accounts).set({ disabledAt: null }).where(eq(accounts.id, id));
    const again = await t.login('demo-training');
    expect((await again.get('/api/home')).status).toBe(200);
  });
});

describe('session cache races', () => {
  it('a session read while its account was being changed is not kept, and one read after is kept', async () => {
    const c = await t.login('demo-province');
    const id = await accountIdOf('demo-province');
    const hash = t.deps.sessions.hash(c.cookies.agt_sid);
    const limits = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };
    t.deps.sessionCache.forgetAccount(id);
    const actor = { accountId: id, sessionTokenHash: hash } as never;
    // Read started before the change (e.g. a logout not yet committed): never cached.
    const before = t.deps.sessionCache.startRead();
    t.deps.sessionCache.forgetAccount(id);
    t.deps.sessionCache.remember(before, actor, { sinceCreatedMs: 0 });
    expect(t.deps.sessionCache.lookup(hash, limits)).toBeUndefined();
    // Read started after, but within the hold after a change made here (its transaction may not have committed): not cached either.
    t.deps.sessionCache.remember(t.deps.sessionCache.startRead(), actor, { sinceCreatedMs: 0 });
    expect(t.deps.sessionCache.lookup(hash, limits)).toBeUndefined();
    // An unrelated account's change does not keep this one out.
    const other = await t.login('demo-sysadmin'); // an account nothing in this file changed
    const otherHash = t.deps.sessions.hash(other.cookies.agt_sid);
    const read = t.deps.sessionCache.startRead();
    t.deps.sessionCache.forgetAccount(id);
    t.deps.sessionCache.remember(read, { accountId: await accountIdOf('demo-sysadmin'), sessionTokenHash: otherHash } as never, {
      sinceCreatedMs: 0,
    });
    expect(t.deps.sessionCache.lookup(otherHash, limits)).toBeDefined();
  });
});

describe('two server processes on one database', () => {
  it('disabling, logging out or changing the password on one refuses the next request on the other within one second', async () => {
    // PostgreSQL: a real second OS process. PGlite is an in-process database, so there the
    // second process is a second application instance on it (notices are delivered in-process).
    const other = TEST_DB === 'postgres' ? await startSecondProcess(t.testDb) : null;
    const second = other ? null : await createTestApp({ testDb: t.testDb });
    const onOther = async (cookies: Record<string, string>) => {
      if (other) return (await other.request('GET', '/api/home', cookies)).status;
      const { Client } = await import('./harness.js');
      const client = new Client(second!.app);
      client.cookies = { ...cookies };
      return (await client.get('/api/home')).status;
    };
    try {
      const city = await t.login('demo-city-jl');
      const list = await city.get('/api/accounts?keyword=demo-ent-b');
      const targetId = list.body.rows[0].id as string;

      // Disabling.
      const victim = await t.login('demo-ent-b');
      expect(await onOther(victim.cookies)).toBe(200);
      expect(await onOther(victim.cookies)).toBe(200); // served from the other process's cache
      expect((await city.post(`/api/accounts/${targetId}/disable`, { reason: '测试' })).status).toBe(200);
      expect(await msUntil(async () => (await onOther(victim.cookies)) === 401)).toBeLessThan(1_000);
      expect((await city.post(`/api/accounts/${targetId}/enable`)).status).toBe(200);

      // Logging out.
      const leaving = await t.login('demo-ent-b');
      const replayed = { ...leaving.cookies };
      expect(await onOther(replayed)).toBe(200);
      expect((await leaving.post('/api/auth/logout')).status).toBe(200);
      expect(await msUntil(async () => (await onOther(replayed)) === 401)).toBeLessThan(1_000);

      // Changing the password ends the other sessions of the account.
      const first = await t.login('demo-ent-b');
      const secondSession = await t.login('demo-ent-b');
      expect(await onOther(secondSession.cookies)).toBe(200);
      expect(
        (await first.post('/api/auth/change-password', { currentPassword: 'Demo@2026', newPassword: 'Other#pass2026' })).status,
      ).toBe(200);
      expect(await msUntil(async () => (await onOther(secondSession.cookies)) === 401)).toBeLessThan(1_000);
      expect(
        (await first.post('/api/auth/change-password', { currentPassword: 'Other#pass2026', newPassword: 'Demo@2026' })).status,
      ).toBe(200);
    } finally {
      await other?.stop();
      await second?.close();
    }
  });
});
