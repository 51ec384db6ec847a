import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh database on the bench server, dropped afterwards: benchmarks never touch other data. */
export async function withScratchDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `agt_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

export type Load = { rps: number; p99: number; errors: number; non2xx: number; statusCodes?: Record<string, { count: number }> };

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'load-worker.mjs');

/**
 * Fixed-duration load on loopback from a second process (autocannon), bounded
 * in time and connections. The server under test keeps its event loop to itself.
 */
export type LoadRequest = { method: string; path: string; body?: string; headers?: Record<string, string> };

export async function load(opts: { url: string; headers?: Record<string, string>; paths?: string[]; requests?: LoadRequest[]; rotate?: LoadRequest[]; amount?: number; seconds: number; connections?: number }): Promise<Load> {
  // The options (2,000 requests with their cookies) are too long for a command line: hand over a file.
  const file = path.join(os.tmpdir(), `agt-load-${randomBytes(4).toString('hex')}.json`);
  fs.writeFileSync(file, JSON.stringify(opts));
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [WORKER, file], { timeout: (opts.seconds + 30) * 1000 });
    return JSON.parse(stdout) as Load;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

export const round = (n: number, digits = 2) => Number(n.toFixed(digits));
