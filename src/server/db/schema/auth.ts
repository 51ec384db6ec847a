import { bigint, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './core.js';

/**
 * Failed logins per typed identifier that matches no account. Existing accounts
 * count on accounts.failed_login_count; unknown identifiers count here, keyed by
 * a keyed hash of the normalised identifier, so an unknown name locks exactly
 * like a real one and lockout does not reveal who has an account.
 */
export const loginIdentifierFailures = pgTable(
  'login_identifier_failures',
  {
    identifierHash: text('identifier_hash').primaryKey(),
    failedCount: integer('failed_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_identifier_failures_updated_idx').on(t.updatedAt)],
);

/**
 * The TOTP (RFC 6238) second factor of an account: the secret encrypted with the
 * field key; confirmedAt is null while enrolment waits for the first code.
 * lastUsedStep is the 30-second time step of the last accepted code, so a code
 * cannot be used twice within its window.
 */
export const accountTotp = pgTable('account_totp', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  secretEnc: text('secret_enc').notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One-time recovery codes, stored as keyed hashes; a used code keeps its row with usedAt. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull().unique(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('recovery_codes_account_idx').on(t.accountId)],
);

/**
 * A password accepted for an account with a second factor: no session yet, only
 * this short-lived, single-use token (its keyed hash) that the code step redeems.
 */
export const pendingLogins = pgTable(
  'pending_logins',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pending_logins_account_idx').on(t.accountId)],
);
