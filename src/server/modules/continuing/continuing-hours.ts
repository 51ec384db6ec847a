import { eq, sql } from 'drizzle-orm';
import { validityPeriodStart } from '../../../shared/domain/certificate.js';
import { rowsOf, type Executor } from '../../db/client.js';
import { certificates, continuingEnrolments, lessons, studyLedger } from '../../db/schema/index.js';

type PeriodOf = { id: string; personId: string; expiresOn: string; category: string };

/**
 * Continuing-education seconds of each certificate's validity period: valid
 * ledger time of its holder in the lessons of the courses enrolled for it,
 * since the certificate's issue (or last extension's) date. Like every total, a
 * sum over the ledger — for any number of certificates in one statement.
 */
export async function continuingSecondsOf(exec: Executor, certs: PeriodOf[]): Promise<Map<string, number>> {
  if (!certs.length) return new Map();
  const rows = rowsOf<{ id: string; seconds: number }>(
    await exec.execute(sql`
    SELECT c.id, coalesce(sum(l.seconds), 0)::int AS seconds
      FROM unnest(${sql.param(certs.map((c) => c.id))}::uuid[], ${sql.param(certs.map((c) => c.personId))}::uuid[],
                  ${sql.param(certs.map((c) => `${validityPeriodStart(c.expiresOn, c.category)}T00:00:00+08:00`))}::timestamptz[]) AS c(id, person_id, since)
      LEFT JOIN ${continuingEnrolments} e ON e.certificate_id = c.id
      LEFT JOIN ${lessons} ls ON ls.course_id = e.course_id
      LEFT JOIN ${studyLedger} l ON l.person_id = c.person_id AND l.lesson_id = ls.id AND l.valid AND l.from_at >= c.since
     GROUP BY c.id`),
  );
  return new Map(rows.map((r) => [r.id, r.seconds]));
}

/** The same for one certificate. */
export async function continuingSeconds(exec: Executor, certificateId: string): Promise<number> {
  const [c] = await exec
    .select({
      id: certificates.id,
      personId: certificates.personId,
      expiresOn: certificates.expiresOn,
      category: certificates.category,
    })
    .from(certificates)
    .where(eq(certificates.id, certificateId));
  if (!c) return 0;
  return (await continuingSecondsOf(exec, [c])).get(c.id) ?? 0;
}
