import type { Config } from './config.js';
import type { Database, Db } from './db/client.js';
import type { FieldCrypto } from './security/field-crypto.js';
import type { ChangeNotices } from './db/change-notices.js';
import type { SessionCache } from './modules/auth/session-cache.js';
import type { SessionTokens } from './modules/auth/sessions.js';
import type { FileStorage } from './storage/file-storage.js';
import type { RouteAccessTable } from './http/route-access.js';
import type { ProvinceSeal } from './security/province-seal.js';

/** What use-cases need from the outside world, built once in buildApp. */
export type Deps = {
  config: Config;
  database: Database;
  db: Db;
  crypto: FieldCrypto;
  sessions: SessionTokens;
  /** What the database says changed (accounts, sessions, settings), heard by every process. */
  changes: ChangeNotices;
  sessionCache: SessionCache;
  storage: FileStorage;
  /** Injectable clock for use-cases that compare against "now" in JavaScript. */
  now: () => Date;
  /** Every route's access declaration: the abilities `/api/auth/me` tells the web. */
  routeAccess: RouteAccessTable;
  /** The province's electronic seal that signs certificate PDFs (security/province-seal.ts). */
  seal: ProvinceSeal | null;
};
