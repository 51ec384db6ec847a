import { idNumberCheckChar, maskIdNumber } from '../src/shared/domain/id-number.js';
import { accounts, courseCategories, courses, lessons, persons, registrations, sessions, studyLedger, studySessions } from '../src/server/db/schema/index.js';
import { Client, type TestApp } from './harness.js';

let serial = 0;

/**
 * Approved candidates who already reached `hours` 学时 in a published C2 course,
 * each with a signed-in client — made directly in the database (no password
 * hashing), for tests about what comes after study.
 */
export async function studiedCandidates(t: TestApp, n: number, opts: { category?: string; jurisdictionCode?: string; hours?: number } = {}) {
  const db = t.deps.db;
  const category = opts.category ?? 'C2';
  const [owner] = await db.select().from(accounts).limit(1);
  const [course] = await db.insert(courses).values({ title: `测试课程${++serial}`, ownerAccountId: owner.id, published: true }).returning();
  await db.insert(courseCategories).values({ courseId: course.id, category });
  const [lesson] = await db.insert(lessons).values({ courseId: course.id, title: '测试课时', kind: 'document', durationSeconds: 100 * 2700, body: '正文' }).returning();
  const clients: { client: Client; personId: string; registrationId: string }[] = [];
  for (let i = 0; i < n; i++) {
    const k = ++serial;
    const first17 = `220100${new Date(Date.UTC(1975, 0, 1) + k * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '')}${String(k % 1000).padStart(3, '0')}`;
    const idNumber = first17 + idNumberCheckChar(first17);
    const [person] = await db.insert(persons).values({
      name: `考生${k}`, idNumberEnc: t.deps.crypto.encrypt(idNumber), idNumberHash: t.deps.crypto.lookupHash('id', idNumber),
      idNumberMasked: maskIdNumber(idNumber), gender: 'male', birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
    }).returning();
    const [account] = await db.insert(accounts).values({ role: 'candidate', displayName: person.name, passwordHash: 'x', personId: person.id }).returning();
    const [registration] = await db.insert(registrations).values({
      personId: person.id, category, jurisdictionCode: opts.jurisdictionCode ?? '220100', status: 'approved', submittedAt: new Date(), approvedAt: new Date(),
    }).returning();
    if ((opts.hours ?? 100) > 0) {
      const now = new Date();
      const [session] = await db.insert(studySessions).values({ personId: person.id, lessonId: lesson.id, startedAt: now, lastHeartbeatAt: now, endedAt: now }).returning();
      await db.insert(studyLedger).values({
        personId: person.id, lessonId: lesson.id, sessionId: session.id, fromAt: new Date(now.getTime() - 3600_000), toAt: now,
        seconds: Math.round((opts.hours ?? 100) * 2700), valid: true,
      });
    }
    const token = t.deps.sessions.newToken();
    await db.insert(sessions).values({ tokenHash: t.deps.sessions.hash(token), accountId: account.id });
    const client = new Client(t.app, `10.7.${Math.floor(k / 250)}.${k % 250}`);
    client.cookies = { agt_sid: token, agt_csrf: `csrf${k}` };
    clients.push({ client, personId: person.id, registrationId: registration.id });
  }
  return clients;
}
