import { sql } from 'drizzle-orm';
import { EXPIRY_REMINDER_DAYS } from '../../../shared/domain/certificate.js';
import type { Deps } from '../../deps.js';
import { rowsOf } from '../../db/client.js';
import { notifyMany, type Addressed } from '../notifications/notify.js';
import { queueNationalReports } from '../national/queue-national-reports.js';
import { beijingDate } from './certificate-scope.js';

type Expired = { id: string; number: string; person_id: string; enterprise_id: string | null; expires_on: string | Date };
type ExpiredEvent = Expired & { event_id: number | string };
const dateOf = (v: string | Date) => (typeof v === 'string' ? v : v.toISOString().slice(0, 10));

/** The same notice to each certificate's holder and to its employer. */
const noticesFor = (rows: Expired[], notice: (c: Expired) => { title: string; body: string }): Addressed[] =>
  rows.flatMap((c) => [
    { personId: c.person_id, notice: { ...notice(c), link: '/my-certificates' } },
    ...(c.enterprise_id ? [{ enterpriseId: c.enterprise_id, notice: { ...notice(c), link: '/certificates' } }] : []),
  ]);

/**
 * Certificates past their expiry date without extension become 失效, each with
 * an 'expired' event and notices, in one transaction. Safe to run twice and from
 * several processes: the UPDATE only takes rows still 有效, and a concurrent run
 * waits on the row locks, then finds nothing left to do.
 */
export async function expireCertificates(deps: Deps): Promise<number> {
  const today = beijingDate(deps.now());
  return deps.db.transaction(async (tx) => {
    const expired = rowsOf<ExpiredEvent>(
      await tx.execute(sql`
      WITH expired AS (
        UPDATE certificates SET status = 'expired' WHERE status = 'valid' AND expires_on < ${today}::date
        RETURNING id, number, person_id, enterprise_id, expires_on
      ), events AS (
        INSERT INTO certificate_events (certificate_id, kind, actor_name, reason, detail)
        SELECT id, 'expired', '系统', '有效期届满未延期', jsonb_build_object('expiresOn', expires_on) FROM expired
        RETURNING id, certificate_id
      )
      SELECT expired.*, events.id AS event_id FROM expired JOIN events ON events.certificate_id = expired.id`),
    );
    // 过期失效 is reported like every other event, in this transaction.
    await queueNationalReports(
      tx,
      deps.config.nationalIssuer,
      today,
      expired.map((c) => ({
        eventId: Number(c.event_id),
        certificateId: c.id,
        kind: 'expired' as const,
        before: 'valid' as const,
      })),
    );
    await notifyMany(
      tx,
      noticesFor(expired, (c) => ({
        title: '证书已失效',
        body: `证书 ${c.number} 已于 ${dateOf(c.expires_on)} 到期且未延期，现为「失效」。`,
      })),
    );
    return expired.length;
  });
}

/**
 * 到期提醒 90 and 30 days before expiry, to holder and employer. The reminder
 * row is the guard: inserted ON CONFLICT DO NOTHING, so each point is sent once
 * per expiry date however often and wherever the job runs.
 */
export async function sendExpiryReminders(deps: Deps): Promise<number> {
  const today = beijingDate(deps.now());
  const [near, far] = [...EXPIRY_REMINDER_DAYS].sort((a, b) => a - b) as [number, number];
  let sent = 0;
  for (const [days, after] of [
    [near, -1],
    [far, near],
  ] as const) {
    sent += await deps.db.transaction(async (tx) => {
      const due = rowsOf<Expired>(
        await tx.execute(sql`
        WITH due AS (
          INSERT INTO certificate_reminders (certificate_id, days_before, expires_on)
          SELECT id, ${days}, expires_on FROM certificates
          WHERE status = 'valid' AND expires_on > ${today}::date + ${after}::int AND expires_on <= ${today}::date + ${days}::int
          ON CONFLICT DO NOTHING
          RETURNING certificate_id
        )
        SELECT c.id, c.number, c.person_id, c.enterprise_id, c.expires_on FROM certificates c JOIN due ON due.certificate_id = c.id`),
      );
      await notifyMany(
        tx,
        noticesFor(due, (c) => ({
          title: '证书即将到期',
          body: `证书 ${c.number} 将于 ${dateOf(c.expires_on)} 到期，请在到期前完成继续教育并申请延期。`,
        })),
      );
      return due.length;
    });
  }
  return sent;
}

/** Runs both jobs now and then every hour, in every server process (they are safe to overlap). */
export function scheduleExpiryJobs(deps: Deps, log: (msg: string) => void): () => void {
  const run = async () => {
    try {
      const expired = await expireCertificates(deps);
      const reminded = await sendExpiryReminders(deps);
      if (expired || reminded) log(`[jobs] 证书失效 ${expired} 本，到期提醒 ${reminded} 条`);
    } catch (err) {
      log(`[jobs] 证书到期任务失败：${err instanceof Error ? err.message : String(err)}`);
    }
  };
  void run();
  const timer = setInterval(() => void run(), 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
