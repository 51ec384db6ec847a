import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** Province settings and security policy, one JSON value per key. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

export const jurisdictions = pgTable('jurisdictions', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  letter: text('letter').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const enterprises = pgTable(
  'enterprises',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    creditCode: text('credit_code').notNull().unique(),
    jurisdictionCode: text('jurisdiction_code')
      .notNull()
      .references(() => jurisdictions.code),
    contactName: text('contact_name'),
    contactPhoneEnc: text('contact_phone_enc'),
    createdAt: createdAt(),
  },
  (t) => [index('enterprises_jurisdiction_idx').on(t.jurisdictionCode)],
);

/** A natural person: identity fields encrypted, looked up by keyed hash. */
export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberHash: text('id_number_hash').notNull().unique(),
    /** 220102********1235: what every list shows, kept so lists need not decrypt. */
    idNumberMasked: text('id_number_masked').notNull(),
    gender: text('gender', { enum: ['male', 'female'] }).notNull(),
    birthDate: date('birth_date').notNull(),
    phoneEnc: text('phone_enc'),
    phoneHash: text('phone_hash'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('persons_phone_hash_idx').on(t.phoneHash)],
);

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Lower-case login name; null for candidates, who log in with ID number or phone. */
    username: text('username').unique(),
    role: text('role', {
      enum: ['candidate', 'enterprise', 'training', 'city', 'province', 'sysadmin', 'secadmin', 'auditadmin'],
    }).notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    jurisdictionCode: text('jurisdiction_code').references(() => jurisdictions.code),
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    personId: uuid('person_id').references(() => persons.id),
    /**
     * Candidates: when someone who checked the person (the authority approving a
     * registration with photo and ID scan, or the employer / city confirming the
     * account) confirmed that this account is that person. Until then the account
     * sees nothing it did not create itself (no certificates, filings, courses of them).
     */
    identityVerifiedAt: timestamp('identity_verified_at', { withTimezone: true }),
    identityVerifiedBy: uuid('identity_verified_by'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  },
  (t) => [
    index('accounts_jurisdiction_idx').on(t.jurisdictionCode),
    index('accounts_enterprise_idx').on(t.enterpriseId),
    uniqueIndex('accounts_person_idx').on(t.personId),
  ],
);

/** Server-side sessions: the cookie holds a random token, the table only its keyed hash. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

/** Failed logins per address for rate limiting, shared by every server process. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ip: text('ip').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_failures_ip_at_idx').on(t.ip, t.at)],
);

/** Machine credentials for exam-room software (考试管理端), one jurisdiction each. */
export const examClients = pgTable(
  'exam_clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    keyId: text('key_id').notNull().unique(),
    secretEnc: text('secret_enc').notNull(),
    jurisdictionCode: text('jurisdiction_code')
      .notNull()
      .references(() => jurisdictions.code),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('exam_clients_jurisdiction_idx').on(t.jurisdictionCode)],
);

/**
 * Append-only audit log. A trigger (migration 0001) refuses UPDATE, DELETE and
 * TRUNCATE, so even a bug in the application cannot rewrite history.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
    actorAccountId: uuid('actor_account_id'),
    actorRole: text('actor_role'),
    actorName: text('actor_name'),
    ip: text('ip'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    outcome: text('outcome', { enum: ['success', 'failure', 'denied'] }).notNull(),
    /** Jurisdiction the event belongs to, so authorities could later read their own. */
    jurisdictionCode: text('jurisdiction_code'),
    detail: jsonb('detail').notNull().default({}),
  },
  (t) => [
    index('audit_events_at_idx').on(t.at),
    index('audit_events_action_idx').on(t.action, t.at),
    index('audit_events_actor_idx').on(t.actorAccountId, t.at),
  ],
);
