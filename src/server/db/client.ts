import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import * as schema from './schema/index.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or an open transaction: use-cases accept both. */
export type Executor = Db | Tx;

/** What a listener hears: each notice's payload, and when it may have missed some (connection lost). */
export type NoticeHandlers = {
  onNotice(payload: string): void;
  /** The channel is listened to (again): notices from now on arrive. */
  onListening(): void;
  /** The listening connection is gone: notices may be missed until onListening. */
  onLost(): void;
};

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  /** LISTEN on a channel over a connection of its own (PostgreSQL) or in-process (PGlite). */
  listen(channel: string, handlers: NoticeHandlers): Promise<{ stop(): Promise<void> }>;
  close(): Promise<void>;
};

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
// Any constant works; it only has to be the same in every process of this product.
const MIGRATION_LOCK_KEY = 72_026_001;

/** `pgliteDir`: a directory for persistent data, or undefined for an in-memory database (tests). */
export function openPglite(pgliteDir: string | undefined): Database {
  if (pgliteDir) fs.mkdirSync(pgliteDir, { recursive: true }); // PGlite does not create parents
  const client = new PGlite(pgliteDir);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: async () => {
      await migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR });
    },
    // PGlite is one in-process connection: a notice arrives right after its transaction commits, and is never lost.
    listen: async (channel, handlers) => {
      const unlisten = await client.listen(channel, (payload) => handlers.onNotice(payload));
      handlers.onListening();
      return { stop: () => unlisten() };
    },
    close: () => client.close(),
  };
}

/**
 * Every parameterized query becomes a named prepared statement, named by a hash
 * of its text: PostgreSQL then parses and plans each query shape once per
 * connection instead of on every request (planning a six-table join costs more
 * than running it). Queries without parameters (migrations, DDL) stay unnamed.
 */
class PreparingClient extends pg.Client {
  override query(config: any, values?: any, callback?: any): any {
    if (config && typeof config === 'object' && typeof config.text === 'string' && !config.name) {
      const params = Array.isArray(values) ? values : config.values;
      if (Array.isArray(params) && params.length > 0 && params.length <= 100) {
        config = { ...config, name: `agt_${createHash('sha1').update(config.text).digest('base64url').slice(0, 20)}` };
      }
    }
    return super.query(config, values, callback);
  }
}

export function openPostgres(url: string, poolSize = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, Client: PreparingClient });
  // Surface lost connections in the log instead of crashing the process.
  pool.on('error', (err) => console.error('[db] idle client error', err.message));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    // Several server processes may start together: one migrates, the others wait.
    migrate: async () => {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
        client.release();
      }
    },
    listen: (channel, handlers) => listenPostgres(url, channel, handlers),
    close: () => pool.end(),
  };
}

/**
 * A dedicated connection that LISTENs, reconnecting (with a growing pause, at
 * most 5 s) whenever it is lost. While it is down the listener is told so: a
 * cache that relies on notices must stop trusting itself until it is back.
 */
async function listenPostgres(url: string, channel: string, handlers: NoticeHandlers): Promise<{ stop(): Promise<void> }> {
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  let pause = 100;
  const quoted = `"${channel.replace(/"/g, '""')}"`;
  let ping: NodeJS.Timeout | null = null;
  const connect = async (): Promise<void> => {
    // TCP keep-alive and a ping every 15 s: a connection cut without a close (a NAT timeout, a
    // failover) is noticed within seconds instead of leaving the cache trusting a deaf listener.
    const c = new pg.Client({
      connectionString: url,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      query_timeout: 5_000,
    });
    let lost = false;
    const onGone = () => {
      if (lost) return;
      lost = true;
      if (ping) clearInterval(ping);
      ping = null;
      client = null;
      c.removeAllListeners('notification');
      c.end().catch(() => undefined);
      if (stopped) return;
      handlers.onLost();
      retry = setTimeout(() => void connect(), pause);
      pause = Math.min(pause * 2, 5_000);
    };
    c.on('error', onGone);
    c.on('end', onGone);
    c.on('notification', (n) => handlers.onNotice(n.payload ?? ''));
    try {
      await c.connect();
      await c.query(`LISTEN ${quoted}`);
    } catch {
      onGone();
      return;
    }
    if (stopped) return void c.end().catch(() => undefined);
    client = c;
    pause = 100;
    ping = setInterval(() => void c.query('SELECT 1').catch(onGone), 15_000);
    ping.unref();
    handlers.onListening();
  };
  await connect();
  return {
    stop: async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      if (ping) clearInterval(ping);
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners();
        c.on('error', () => undefined);
        await c.end().catch(() => undefined);
      }
    },
  };
}

export function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Database {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(path.join(opts.dataDir, 'pglite'));
}

/** Number of migrations shipped with this build. */
export function expectedMigrationCount(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/** True when the database answers and every shipped migration has been applied. */
export async function isMigrated(db: Db): Promise<boolean> {
  const result = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
  const rows = (result as unknown as { rows: { n: number }[] }).rows;
  return rows[0].n >= expectedMigrationCount();
}

/**
 * The name of the unique index a failed write ran into, or null for any other
 * error. Several use-cases let a partial unique index settle a race (a double
 * click, two enterprises at once) and turn this into their own message.
 */
export function violatedUniqueIndex(err: unknown): string | null {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const pgError = e.code ? e : e.cause;
  return pgError?.code === '23505' ? (pgError.constraint ?? '') : null;
}

/** Rows of a raw `execute(sql…)`, the same shape on node-postgres and PGlite. */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** The jsonb a database function answered as column `r` of its one row (a string on some drivers). */
export function functionResult<T>(result: unknown): T {
  const raw = rowsOf<{ r: T | string }>(result)[0]!.r;
  return (typeof raw === 'string' ? JSON.parse(raw) : raw) as T;
}

/** `%text%` for (I)LIKE, with the pattern characters of the text itself escaped. */
export const containsPattern = (text: string) => `%${text.replace(/[%_\\]/g, '\\$&')}%`;
