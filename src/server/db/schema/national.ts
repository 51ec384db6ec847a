import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { certificateEvents, certificates } from './certificates.js';

export const NATIONAL_REPORT_STATUSES = ['pending', 'sent', 'failed'] as const;
export type NationalReportStatus = (typeof NATIONAL_REPORT_STATUSES)[number];

/**
 * The outbox of the national feed (全国工程质量安全监管信息平台): one row per
 * certificate event, written in the event's transaction, sent in order per
 * certificate by whichever process claims it (national/send-national-reports.ts).
 * The payload is kept without the ID number and photo, which are read from the
 * person when sending: the outbox holds no sensitive data the certificates do not.
 */
export const nationalReports = pgTable(
  'national_reports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The report's eCertID (32 hex digits without dashes): the same on every retry, so the platform can recognise a repeat. */
    eCertId: uuid('ecert_id').notNull().unique().defaultRandom(),
    certificateId: uuid('certificate_id')
      .notNull()
      .references(() => certificates.id),
    /** Null for a certificate that existed before the feed (its first report is queued by the backfill). */
    eventId: bigint('event_id', { mode: 'number' })
      .unique()
      .references(() => certificateEvents.id),
    standard: text('standard', { enum: ['C0317', 'C0304'] }).notNull(),
    call: text('call', { enum: ['fm', 'update'] }).notNull(),
    operateType: text('operate_type').notNull(),
    certState: text('cert_state').notNull(),
    identifier: text('identifier').notNull(),
    assignsQr: boolean('assigns_qr').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: NATIONAL_REPORT_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** A sender's lease: another process may take the row over once it has passed (the sender died). */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    /** Who holds the lease: a sender writes its result only while the token is still its own. */
    claimToken: uuid('claim_token'),
    lastError: text('last_error'),
    qrContent: text('qr_content'),
    /** The platform's 赋码 ID, kept as soon as 赋码 succeeds: a failed 归集 is retried alone, without a second 赋码. */
    platformCertId: text('platform_cert_id'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('national_reports_certificate_idx').on(t.certificateId, t.id),
    index('national_reports_due_idx')
      .on(t.nextAttemptAt, t.id)
      .where(sql`status = 'pending'`),
    index('national_reports_status_idx').on(t.status, t.createdAt),
  ],
);
