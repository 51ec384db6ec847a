import { bigserial, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts, enterprises } from './core.js';

/**
 * The people an enterprise looked up on a day (读取原有证人员信息, filing checks),
 * one row per distinct ID or certificate number as a keyed hash: what the daily
 * limit counts, so checking the same workbook twice costs nothing extra.
 */
export const personLookups = pgTable(
  'person_lookups',
  {
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    /** Beijing calendar day. */
    day: date('day').notNull(),
    keyHash: text('key_hash').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.enterpriseId, t.day, t.keyHash] }), index('person_lookups_day_idx').on(t.day)],
);

/**
 * Anonymous writes that cost the server work (a registration hashes a password)
 * per client address, counted in the database so every process shares the limit.
 */
export const addressAttempts = pgTable(
  'address_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    action: text('action').notNull(),
    ip: text('ip').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('address_attempts_action_ip_at_idx').on(t.action, t.ip, t.at)],
);

/**
 * Creating requests of the screens carry an Idempotency-Key generated when the
 * form opened: a double click or a retried request creates one object, and a
 * repeat after success is answered with the first answer (see http/idempotency.ts).
 * Keys live a day.
 */
export const idempotentRequests = pgTable(
  'idempotent_requests',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    key: text('key').notNull(),
    /** Method and route pattern plus the body's SHA-256: a key reused for something else is refused. */
    fingerprint: text('fingerprint').notNull(),
    statusCode: integer('status_code'),
    response: text('response'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.key] })],
);
