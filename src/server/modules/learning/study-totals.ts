import { and, eq, gte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { studyLedger } from '../../db/schema/index.js';

const validSeconds = sql<number>`coalesce(sum(${studyLedger.seconds}) filter (where ${studyLedger.valid}), 0)::int`;

/** Start of the Beijing calendar day containing `now`: the daily cap counts local days. */
export function beijingDayStart(now: Date): Date {
  const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(now);
  return new Date(`${day}T00:00:00+08:00`);
}

export async function creditedForLesson(exec: Executor, personId: string, lessonId: string): Promise<number> {
  const [row] = await exec.select({ s: validSeconds }).from(studyLedger).where(and(eq(studyLedger.personId, personId), eq(studyLedger.lessonId, lessonId)));
  return row.s;
}

export async function creditedSince(exec: Executor, personId: string, since: Date): Promise<number> {
  const [row] = await exec.select({ s: validSeconds }).from(studyLedger).where(and(eq(studyLedger.personId, personId), gte(studyLedger.fromAt, since)));
  return row.s;
}

export { validSeconds };
