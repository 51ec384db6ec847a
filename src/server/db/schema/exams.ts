import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts, jurisdictions, persons } from './core.js';
import { registrations } from './registrations.js';

export const EXAM_SESSION_STATUSES = ['draft', 'published', 'closed', 'held', 'scores_complete'] as const;

/** 考场: one room at one time, for the categories it admits, published by a city authority. */
export const examSessions = pgTable(
  'exam_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    jurisdictionCode: text('jurisdiction_code')
      .notNull()
      .references(() => jurisdictions.code),
    name: text('name').notNull(),
    address: text('address').notNull(),
    room: text('room').notNull(),
    kind: text('kind', { enum: ['theory', 'practical'] }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    applicationsOpenAt: timestamp('applications_open_at', { withTimezone: true }).notNull(),
    applicationsCloseAt: timestamp('applications_close_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: EXAM_SESSION_STATUSES }).notNull().default('draft'),
    /** Per jurisdiction and year (of the exam, Beijing time), given at publication; part of every ticket number. */
    year: integer('year'),
    sequence: integer('sequence'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    index('exam_sessions_jurisdiction_idx').on(t.jurisdictionCode, t.status, t.startsAt),
    uniqueIndex('exam_sessions_sequence_idx').on(t.jurisdictionCode, t.year, t.sequence),
  ],
);

export const examSessionCategories = pgTable(
  'exam_session_categories',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => examSessions.id, { onDelete: 'cascade' }),
    category: text('category').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.category] })],
);

export const examApplications = pgTable(
  'exam_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => examSessions.id),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registrations.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    category: text('category').notNull(),
    // completed: the exam was sat and its result is final; the person may then apply again if it was a fail.
    status: text('status', { enum: ['active', 'withdrawal_requested', 'withdrawn', 'cancelled', 'completed'] })
      .notNull()
      .default('active'),
    seatNumber: integer('seat_number'),
    ticketNumber: text('ticket_number').unique(),
    ticketPrintedAt: timestamp('ticket_printed_at', { withTimezone: true }),
    endedReason: text('ended_reason'),
    endedBy: uuid('ended_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    // One live application per registration (category) at a time.
    uniqueIndex('exam_applications_live_idx')
      .on(t.registrationId)
      .where(sql`status IN ('active', 'withdrawal_requested')`),
    index('exam_applications_session_idx').on(t.sessionId, t.status),
    index('exam_applications_person_idx').on(t.personId),
  ],
);

/**
 * Seats exist as rows from publication on; taking one is a single UPDATE of a
 * free row (FOR UPDATE SKIP LOCKED), so no process can ever hand out more
 * seats than the room has, and a withdrawal simply frees its row.
 */
export const examSeats = pgTable(
  'exam_seats',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => examSessions.id, { onDelete: 'cascade' }),
    seatNumber: integer('seat_number').notNull(),
    applicationId: uuid('application_id').references(() => examApplications.id),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.seatNumber] }), uniqueIndex('exam_seats_application_idx').on(t.applicationId)],
);

/**
 * Exam results per application. Pass/fail is not stored: it follows from the
 * scores and the configured pass marks whenever it is read.
 */
export const examScores = pgTable('exam_scores', {
  applicationId: uuid('application_id')
    .primaryKey()
    .references(() => examApplications.id),
  theoryScore: integer('theory_score_tenths'),
  theoryAbsent: boolean('theory_absent').notNull().default(false),
  practicalScore: integer('practical_score_tenths'),
  practicalAbsent: boolean('practical_absent').notNull().default(false),
  source: text('source', { enum: ['exam_client', 'web_import'] }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** 考试管理端 uploads seen, by idempotency key: a repeated request gets the first answer and changes nothing. */
export const examClientRequests = pgTable(
  'exam_client_requests',
  {
    examClientId: uuid('exam_client_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    bodySha256: text('body_sha256').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.examClientId, t.idempotencyKey] })],
);
