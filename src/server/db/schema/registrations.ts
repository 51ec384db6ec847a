import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, date } from 'drizzle-orm/pg-core';
import { accounts, enterprises, jurisdictions, persons } from './core.js';

/** An uploaded scan or photo. The bytes live in file storage under `storageKey`, never in a public directory. */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null for a certificate scan an enterprise uploads for a filing (the person may not be known yet). */
    personId: uuid('person_id').references(() => persons.id),
    kind: text('kind', { enum: ['photo', 'diploma', 'qualification', 'medical', 'certificate'] }).notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull().unique(),
    uploadedBy: uuid('uploaded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('files_person_idx').on(t.personId)],
);

export const REGISTRATION_STATUSES = ['draft', 'awaiting_employer', 'awaiting_authority', 'approved', 'returned'] as const;

/** 在线报名: one person applying for one category or work type in one jurisdiction (报往地区). */
export const registrations = pgTable(
  'registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    /**
     * Copies of the person's name and masked ID number, kept by database triggers (migration 0015),
     * so the authorities' queue reads one table: the person's row is never joined for a page.
     */
    personName: text('person_name').notNull().default(''),
    personIdMasked: text('person_id_masked').notNull().default(''),
    category: text('category').notNull(),
    otherWorkTypeName: text('other_work_type_name'),
    jurisdictionCode: text('jurisdiction_code')
      .notNull()
      .references(() => jurisdictions.code),
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    status: text('status', { enum: REGISTRATION_STATUSES }).notNull().default('draft'),
    education: text('education'),
    title: text('title'),
    job: text('job'),
    experienceYears: integer('experience_years'),
    qualificationNumber: text('qualification_number'),
    medicalExamDate: date('medical_exam_date'),
    photoFileId: uuid('photo_file_id').references(() => files.id),
    diplomaFileId: uuid('diploma_file_id').references(() => files.id),
    qualificationFileId: uuid('qualification_file_id').references(() => files.id),
    medicalFileId: uuid('medical_file_id').references(() => files.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    labourRelationConfirmed: boolean('labour_relation_confirmed').notNull().default(false),
    annualTrainingConfirmed: boolean('annual_training_confirmed').notNull().default(false),
    employerConfirmedAt: timestamp('employer_confirmed_at', { withTimezone: true }),
    employerConfirmedBy: uuid('employer_confirmed_by').references(() => accounts.id),
    returnReason: text('return_reason'),
    returnedByRole: text('returned_by_role'),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: uuid('approved_by').references(() => accounts.id),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: uuid('deleted_by').references(() => accounts.id),
    deleteReason: text('delete_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // At most one live registration per person and category.
    uniqueIndex('registrations_person_category_live_idx')
      .on(t.personId, t.category)
      .where(sql`deleted_at IS NULL`),
    // The authority's queue: jurisdiction + status + category, newest first (id breaks ties),
    // live rows only, so the page is read from the index alone: migration 0015 makes it INCLUDE the
    // columns the table shows (enterprise, the person copies, other work type), which drizzle cannot declare.
    index('registrations_review_idx')
      .on(t.jurisdictionCode, t.status, t.category, t.submittedAt, t.id)
      .where(sql`deleted_at IS NULL`),
    index('registrations_enterprise_idx').on(t.enterpriseId, t.status),
    index('registrations_person_idx').on(t.personId),
  ],
);

/**
 * Live registrations per jurisdiction, status and category, kept by a database trigger in the same
 * statement as every change (migration 0015): the queue's total is read from here, not counted.
 * A test holds it equal to counting the rows.
 */
export const registrationCounts = pgTable(
  'registration_counts',
  {
    jurisdictionCode: text('jurisdiction_code').notNull(),
    status: text('status').notNull(),
    category: text('category').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.jurisdictionCode, t.status, t.category] })],
);

/** 单位变更申请: after approval a wrong employer is corrected only through the authority. */
export const employerChangeRequests = pgTable(
  'employer_change_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registrations.id),
    jurisdictionCode: text('jurisdiction_code')
      .notNull()
      .references(() => jurisdictions.code),
    fromEnterpriseId: uuid('from_enterprise_id').references(() => enterprises.id),
    toEnterpriseId: uuid('to_enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] })
      .notNull()
      .default('pending'),
    decidedBy: uuid('decided_by').references(() => accounts.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('employer_change_pending_idx')
      .on(t.registrationId)
      .where(sql`status = 'pending'`),
    index('employer_change_jurisdiction_idx').on(t.jurisdictionCode, t.status),
  ],
);

/** In-app notifications (站内消息). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notifications_account_idx').on(t.accountId, t.createdAt)],
);
