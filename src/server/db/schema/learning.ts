import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts, persons } from './core.js';

/** A course made of lessons, created by a training institution or the province. */
export const courses = pgTable('courses', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  ownerAccountId: uuid('owner_account_id')
    .notNull()
    .references(() => accounts.id),
  published: boolean('published').notNull().default(false),
  /** 继续教育课程: studied by certificate holders an enterprise enrols, counted toward extension. */
  continuing: boolean('continuing').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Which categories or work types a course belongs to (the category's course plan). */
export const courseCategories = pgTable(
  'course_categories',
  {
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    category: text('category').notNull(),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.category] }), index('course_categories_category_idx').on(t.category)],
);

export const lessons = pgTable(
  'lessons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    kind: text('kind', { enum: ['video', 'document'] }).notNull(),
    /** Video length, or the minimum reading time of a document. */
    durationSeconds: integer('duration_seconds').notNull(),
    videoStorageKey: text('video_storage_key'),
    videoMimeType: text('video_mime_type'),
    /** Document lessons: plain text, paragraphs separated by blank lines. */
    body: text('body'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('lessons_course_idx').on(t.courseId, t.sortOrder)],
);

/** How far a person got in a lesson: the player may not seek past it. */
export const lessonProgress = pgTable(
  'lesson_progress',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    lessonId: uuid('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    furthestSeconds: integer('furthest_seconds').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.lessonId] })],
);

/** One device studying one lesson. At most one active per person: a new one takes over. */
export const studySessions = pgTable(
  'study_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    lessonId: uuid('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    lastHeartbeatAt: timestamp('last_heartbeat_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason'),
  },
  (t) => [
    uniqueIndex('study_sessions_one_active_idx')
      .on(t.personId)
      .where(sql`ended_at IS NULL`),
  ],
);

/** Webcam snapshots the server asked for: due at a random moment, delivered within a window. */
export const captures = pgTable(
  'captures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => studySessions.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    lessonId: uuid('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    windowEndsAt: timestamp('window_ends_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['pending', 'received', 'missed', 'rejected'] })
      .notNull()
      .default('pending'),
    capturedAt: timestamp('captured_at', { withTimezone: true }),
    storageKey: text('storage_key'),
    rejectedBy: uuid('rejected_by').references(() => accounts.id),
    rejectReason: text('reject_reason'),
  },
  (t) => [index('captures_session_idx').on(t.sessionId, t.dueAt), index('captures_person_idx').on(t.personId, t.dueAt)],
);

/**
 * The study-time ledger: every credited interval, and every refused one with
 * its reason. Totals anywhere are sums over valid rows, never a stored counter.
 */
export const studyLedger = pgTable(
  'study_ledger',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    lessonId: uuid('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => studySessions.id, { onDelete: 'cascade' }),
    captureId: uuid('capture_id').references(() => captures.id),
    fromAt: timestamp('from_at', { withTimezone: true }).notNull(),
    toAt: timestamp('to_at', { withTimezone: true }).notNull(),
    seconds: integer('seconds').notNull(),
    valid: boolean('valid').notNull(),
    invalidReason: text('invalid_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('study_ledger_person_idx').on(t.personId, t.fromAt),
    index('study_ledger_lesson_idx').on(t.personId, t.lessonId),
    index('study_ledger_capture_idx').on(t.captureId),
  ],
);
