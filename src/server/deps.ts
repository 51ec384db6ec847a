import type { Config } from './config.js';
import type { Database, Db } from './db/client.js';
import type { FieldCrypto } from './security/field-crypto.js';
import type { SessionTokens } from './modules/auth/sessions.js';
import type { FileStorage } from './storage/file-storage.js';

/** What use-cases need from the outside world, built once in buildApp. */
export type Deps = {
  config: Config;
  database: Database;
  db: Db;
  crypto: FieldCrypto;
  sessions: SessionTokens;
  storage: FileStorage;
  /** Injectable clock for use-cases that compare against "now" in JavaScript. */
  now: () => Date;
};
