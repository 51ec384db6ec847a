import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { CERTIFICATE_STATUSES } from '../../../shared/domain/certificate.js';
import { accounts, enterprises, jurisdictions, persons } from './core.js';
import { examApplications } from './exams.js';
import { courses } from './learning.js';
import { files, registrations } from './registrations.js';

export const QUALIFIED_LIST_STATUSES = ['submitted', 'returned', 'confirmed'] as const;

/** 合格名单: passed candidates of one or more 考场, compiled and submitted by a city, confirmed or returned by the province. */
export const qualifiedLists = pgTable(
  'qualified_lists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    jurisdictionCode: text('jurisdiction_code')
      .notNull()
      .references(() => jurisdictions.code),
    title: text('title').notNull(),
    status: text('status', { enum: QUALIFIED_LIST_STATUSES }).notNull().default('submitted'),
    entryCount: integer('entry_count').notNull(),
    submittedBy: uuid('submitted_by')
      .notNull()
      .references(() => accounts.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => accounts.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    returnReason: text('return_reason'),
  },
  (t) => [
    index('qualified_lists_status_idx').on(t.status, t.submittedAt),
    index('qualified_lists_jurisdiction_idx').on(t.jurisdictionCode, t.submittedAt),
  ],
);

export const qualifiedListEntries = pgTable(
  'qualified_list_entries',
  {
    listId: uuid('list_id')
      .notNull()
      .references(() => qualifiedLists.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => examApplications.id),
    /** False once the list is returned: the candidate may then be put on a new list. */
    active: boolean('active').notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.listId, t.applicationId] }),
    // A passed application stands on at most one live list.
    uniqueIndex('qualified_list_entries_live_idx')
      .on(t.applicationId)
      .where(sql`active`),
  ],
);

/**
 * A certificate. Personal data (name, ID, photo) is read from the person at
 * print time, so a reprint always shows the current data (SPEC §5).
 */
export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull().unique(),
    /** 32 random bytes, base64url: the secret of the QR verification link. */
    verifyToken: text('verify_token').notNull().unique(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    category: text('category').notNull(),
    otherWorkTypeName: text('other_work_type_name'),
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    jurisdictionCode: text('jurisdiction_code')
      .notNull()
      .references(() => jurisdictions.code),
    issuedOn: date('issued_on').notNull(),
    expiresOn: date('expires_on').notNull(),
    status: text('status', { enum: CERTIFICATE_STATUSES }).notNull().default('valid'),
    source: text('source', { enum: ['exam', 'filing'] }).notNull(),
    registrationId: uuid('registration_id').references(() => registrations.id),
    applicationId: uuid('application_id')
      .references(() => examApplications.id)
      .unique(),
    listId: uuid('list_id').references(() => qualifiedLists.id),
    photoFileId: uuid('photo_file_id').references(() => files.id),
    job: text('job'),
    title: text('title'),
    /** 发证日期 of the current issue: the first issue, then the date of each extension or change (issuedOn stays the first). */
    currentIssueOn: date('current_issue_on'),
    /** 电子证照标识 of the current version (national/certificate-identifier.ts); null until its first report is queued. */
    nationalIdentifier: text('national_identifier'),
    nationalVersion: integer('national_version').notNull().default(0),
    /** The national QR code's content, once the platform has assigned one (赋码). */
    nationalQr: text('national_qr'),
    firstPrintedAt: timestamp('first_printed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('certificates_person_idx').on(t.personId),
    index('certificates_enterprise_idx').on(t.enterpriseId, t.status),
    index('certificates_jurisdiction_idx').on(t.jurisdictionCode, t.issuedOn),
    index('certificates_list_idx').on(t.listId),
    index('certificates_expires_idx').on(t.expiresOn),
    // The national feed's backfill looks for certificates without a report yet: none, once it has caught up.
    index('certificates_unreported_idx')
      .on(t.id)
      .where(sql`national_version = 0`),
  ],
);

/** Every change of a certificate, with who, when and why (SPEC §5). */
export const certificateEvents = pgTable(
  'certificate_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    certificateId: uuid('certificate_id')
      .notNull()
      .references(() => certificates.id),
    kind: text('kind').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorAccountId: uuid('actor_account_id').references(() => accounts.id),
    actorName: text('actor_name'),
    reason: text('reason'),
    detail: jsonb('detail').notNull().default({}),
  },
  (t) => [index('certificate_events_certificate_idx').on(t.certificateId, t.at)],
);

/**
 * The last serial handed out per number prefix. Drawing serials is an UPDATE of
 * this row inside the issuing transaction: concurrent confirmations queue on its
 * lock, and a rolled-back confirmation gives its serials back, so there are
 * neither gaps nor duplicates.
 */
export const certificateSerials = pgTable('certificate_serials', {
  prefix: text('prefix').primaryKey(),
  lastSerial: integer('last_serial').notNull(),
});

/** Public lookups of the 诚信平台人员库, kept for the record (who looked for what, from where). */
export const publicLookups = pgTable(
  'public_lookups',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    ip: text('ip'),
    kind: text('kind', { enum: ['number', 'name_id', 'token', 'enterprise'] }).notNull(),
    certificateId: uuid('certificate_id'),
    found: boolean('found').notNull(),
  },
  (t) => [index('public_lookups_at_idx').on(t.at)],
);

/** Batch printing runs in the background; any server process can report its progress from here. */
export const printJobs = pgTable('print_jobs', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id),
  listId: uuid('list_id')
    .notNull()
    .references(() => qualifiedLists.id),
  status: text('status', { enum: ['running', 'done', 'failed'] })
    .notNull()
    .default('running'),
  total: integer('total').notNull(),
  done: integer('done').notNull().default(0),
  storageKey: text('storage_key'),
  error: text('error'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

/**
 * Expiry reminders sent (90 and 30 days ahead), one row per certificate, point
 * and expiry date: a job run twice, or by two processes, reminds once; an
 * extended certificate (new expiry date) is reminded again.
 */
export const certificateReminders = pgTable(
  'certificate_reminders',
  {
    certificateId: uuid('certificate_id')
      .notNull()
      .references(() => certificates.id),
    daysBefore: integer('days_before').notNull(),
    expiresOn: date('expires_on').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.certificateId, t.daysBefore, t.expiresOn] })],
);

export const FILING_STATUSES = ['pending', 'approved', 'returned'] as const;

/**
 * 原持证人员信息备案: a certificate issued before this system, filed by an
 * enterprise and verified by the authority of the enterprise's jurisdiction; on
 * approval it becomes a certificate like any other (source 'filing').
 */
export const certificateFilings = pgTable(
  'certificate_filings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    jurisdictionCode: text('jurisdiction_code')
      .notNull()
      .references(() => jurisdictions.code),
    name: text('name').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    category: text('category').notNull(),
    otherWorkTypeName: text('other_work_type_name'),
    number: text('number').notNull(),
    issuedOn: date('issued_on').notNull(),
    expiresOn: date('expires_on').notNull(),
    scanFileId: uuid('scan_file_id').references(() => files.id),
    /** Filings of one workbook import share a batch id. */
    batchId: uuid('batch_id'),
    status: text('status', { enum: FILING_STATUSES }).notNull().default('pending'),
    returnReason: text('return_reason'),
    certificateId: uuid('certificate_id').references(() => certificates.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => accounts.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    // A number is filed once while it is pending or approved (a returned filing may be filed again).
    uniqueIndex('certificate_filings_number_idx')
      .on(t.number)
      .where(sql`status IN ('pending', 'approved')`),
    index('certificate_filings_jurisdiction_idx').on(t.jurisdictionCode, t.status, t.createdAt),
    index('certificate_filings_enterprise_idx').on(t.enterpriseId, t.createdAt),
  ],
);

/**
 * 人员变更申请: a transfer to the applying enterprise (调入), a change of job or
 * title, or the enterprise's new name (企业更名), reviewed by the authority of the
 * applying enterprise's jurisdiction. One pending change per certificate, one
 * pending rename per enterprise (partial unique indexes).
 */
export const personnelChanges = pgTable(
  'personnel_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null for an enterprise rename, which concerns all its certificates. */
    certificateId: uuid('certificate_id').references(() => certificates.id),
    kind: text('kind', { enum: ['transfer', 'details', 'rename'] }).notNull(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    fromEnterpriseId: uuid('from_enterprise_id').references(() => enterprises.id),
    jurisdictionCode: text('jurisdiction_code')
      .notNull()
      .references(() => jurisdictions.code),
    newJob: text('new_job'),
    newTitle: text('new_title'),
    newEnterpriseName: text('new_enterprise_name'),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'returned', 'cancelled'] })
      .notNull()
      .default('pending'),
    /**
     * Transfers: when the holder confirmed in the app that they are moving to the
     * applying enterprise. Until then the request changes nothing and cannot be approved.
     */
    holderConfirmedAt: timestamp('holder_confirmed_at', { withTimezone: true }),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => accounts.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
  },
  (t) => [
    uniqueIndex('personnel_changes_pending_idx')
      .on(t.certificateId)
      .where(sql`status = 'pending'`),
    uniqueIndex('personnel_changes_pending_rename_idx')
      .on(t.enterpriseId)
      .where(sql`status = 'pending' AND kind = 'rename'`),
    index('personnel_changes_jurisdiction_idx').on(t.jurisdictionCode, t.status, t.createdAt),
    index('personnel_changes_enterprise_idx').on(t.enterpriseId, t.createdAt),
  ],
);

/** 继续教育报名: a certificate holder enrolled by the enterprise in a continuing-education course. */
export const continuingEnrolments = pgTable(
  'continuing_enrolments',
  {
    certificateId: uuid('certificate_id')
      .notNull()
      .references(() => certificates.id),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id),
    enrolledBy: uuid('enrolled_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.certificateId, t.courseId] })],
);

/** 延期申请: by the holder's enterprise, decided by the authority of the certificate's jurisdiction. */
export const extensionRequests = pgTable(
  'extension_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    certificateId: uuid('certificate_id')
      .notNull()
      .references(() => certificates.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    jurisdictionCode: text('jurisdiction_code')
      .notNull()
      .references(() => jurisdictions.code),
    /** Continuing-education seconds of the validity period when applying (shown to the reviewer). */
    creditedSeconds: integer('credited_seconds').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'returned'] })
      .notNull()
      .default('pending'),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => accounts.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    newExpiresOn: date('new_expires_on'),
  },
  (t) => [
    uniqueIndex('extension_requests_pending_idx')
      .on(t.certificateId)
      .where(sql`status = 'pending'`),
    index('extension_requests_jurisdiction_idx').on(t.jurisdictionCode, t.status, t.createdAt),
  ],
);
