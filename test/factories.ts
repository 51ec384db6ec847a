import { createHash, randomUUID } from 'node:crypto';
import { idNumberCheckChar, maskIdNumber } from '../src/shared/domain/id-number.js';
import { creditCodeCheckChar } from '../src/shared/domain/credit-code.js';
import type { CertificateStatus } from '../src/shared/domain/certificate.js';
import type { RegistrationStatus } from '../src/shared/domain/registration-status.js';
import type { Role } from '../src/shared/domain/roles.js';
import { eq } from 'drizzle-orm';
import { newVerifyToken } from '../src/server/modules/certificates/verify-token.js';
import {
  accounts,
  certificateEvents,
  certificates,
  enterprises,
  files,
  courseCategories,
  courses,
  examApplications,
  examScores,
  examSessions,
  lessons,
  persons,
  registrations,
  sessions,
  studyLedger,
  studySessions,
} from '../src/server/db/schema/index.js';
import { Client, type TestApp } from './harness.js';

let serial = 0;

/*
 * Test factories: the objects a module test needs, made directly in the
 * database (no password hashing, no walk through other modules), each with a
 * signed-in client where it is an account — so a module test states what it
 * starts from instead of depending on the demo logins.
 */

/** A valid 18-digit ID number never used before in this run. */
export function newIdNumber(): string {
  const k = ++serial;
  const first17 = `220100${new Date(Date.UTC(1975, 0, 1) + k * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '')}${String(k % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** A person (encrypted ID number and its hash, as every use-case writes them). */
export async function newPerson(t: TestApp, opts: { name?: string; idNumber?: string } = {}) {
  const idNumber = opts.idNumber ?? newIdNumber();
  const [person] = await t.deps.db
    .insert(persons)
    .values({
      name: opts.name ?? `人员${serial}`,
      idNumberEnc: t.deps.crypto.encrypt(idNumber),
      idNumberHash: t.deps.crypto.lookupHash('id', idNumber),
      idNumberMasked: maskIdNumber(idNumber),
      gender: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
      birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
    })
    .returning();
  return { ...person!, idNumber };
}

/** An account of any role with a signed-in client. */
export async function newAccount(
  t: TestApp,
  role: Role,
  opts: { jurisdictionCode?: string | null; enterpriseId?: string; personId?: string; identityVerified?: boolean } = {},
) {
  const k = ++serial;
  const [account] = await t.deps.db
    .insert(accounts)
    .values({
      role,
      username: role === 'candidate' ? null : `t-${role}-${k}`,
      displayName: `测试${role}${k}`,
      passwordHash: 'x',
      jurisdictionCode:
        opts.jurisdictionCode === undefined ? (['city', 'enterprise'].includes(role) ? '220100' : null) : opts.jurisdictionCode,
      enterpriseId: opts.enterpriseId ?? null,
      personId: opts.personId ?? null,
      identityVerifiedAt: role === 'candidate' && opts.identityVerified !== false ? new Date() : null,
    })
    .returning();
  return { account: account!, client: await t.sessionFor(account!.id) };
}

/** An enterprise of a jurisdiction (valid 统一社会信用代码) and its signed-in account. */
export async function newEnterprise(t: TestApp, opts: { jurisdictionCode?: string; name?: string } = {}) {
  const k = ++serial;
  const first17 = `91220100${String(k).padStart(9, '0')}`;
  const jurisdictionCode = opts.jurisdictionCode ?? '220100';
  const [enterprise] = await t.deps.db
    .insert(enterprises)
    .values({
      name: opts.name ?? `测试建筑工程有限公司${k}`,
      creditCode: first17 + creditCodeCheckChar(first17),
      jurisdictionCode,
    })
    .returning();
  const { account, client } = await newAccount(t, 'enterprise', { jurisdictionCode, enterpriseId: enterprise!.id });
  return { enterprise: enterprise!, account, client };
}

/** A candidate: a person with a signed-in candidate account (identity confirmed unless told otherwise). */
export async function newCandidate(t: TestApp, opts: { name?: string; identityVerified?: boolean } = {}) {
  const person = await newPerson(t, opts);
  const { account, client } = await newAccount(t, 'candidate', { personId: person.id, identityVerified: opts.identityVerified });
  return { person, account, client };
}

/** A registration in any state, with the timestamps that state implies. */
export async function newRegistration(
  t: TestApp,
  opts: {
    personId: string;
    status?: RegistrationStatus;
    category?: string;
    jurisdictionCode?: string;
    enterpriseId?: string | null;
  },
) {
  const status = opts.status ?? 'approved';
  const [registration] = await t.deps.db
    .insert(registrations)
    .values({
      personId: opts.personId,
      category: opts.category ?? 'C2',
      jurisdictionCode: opts.jurisdictionCode ?? '220100',
      enterpriseId: opts.enterpriseId ?? null,
      status,
      submittedAt: status === 'draft' ? null : new Date(),
      approvedAt: status === 'approved' ? new Date() : null,
    })
    .returning();
  return registration!;
}

/** A certificate as a verified filing leaves it (number, verification token, dates, state). */
export async function newCertificate(
  t: TestApp,
  opts: {
    personId: string;
    enterpriseId?: string | null;
    jurisdictionCode?: string;
    category?: string;
    status?: CertificateStatus;
    issuedOn?: string;
    expiresOn?: string;
    number?: string;
    photoFileId?: string;
    otherWorkTypeName?: string;
  },
) {
  const k = ++serial;
  const id = randomUUID();
  const [certificate] = await t.deps.db
    .insert(certificates)
    .values({
      id,
      number: opts.number ?? `吉建安C2（2023）${String(900000 + k).padStart(7, '0')}`,
      photoFileId: opts.photoFileId ?? null,
      otherWorkTypeName: opts.otherWorkTypeName ?? null,
      verifyToken: newVerifyToken(id),
      personId: opts.personId,
      category: opts.category ?? 'C2',
      enterpriseId: opts.enterpriseId ?? null,
      jurisdictionCode: opts.jurisdictionCode ?? '220100',
      issuedOn: opts.issuedOn ?? '2023-06-01',
      expiresOn: opts.expiresOn ?? '2026-06-01',
      status: opts.status ?? 'valid',
      source: 'filing',
    })
    .returning();
  // Its history starts where every certificate's does.
  await t.deps.db.insert(certificateEvents).values({ certificateId: id, kind: 'issued', actorName: '测试' });
  return certificate!;
}

/**
 * Approved candidates who already reached `hours` 学时 in a published C2 course,
 * each with a signed-in client — made directly in the database (no password
 * hashing), for tests about what comes after study.
 */
export async function studiedCandidates(
  t: TestApp,
  n: number,
  opts: { category?: string; jurisdictionCode?: string; hours?: number } = {},
) {
  const db = t.deps.db;
  const category = opts.category ?? 'C2';
  const [owner] = await db.select().from(accounts).limit(1);
  const [course] = await db
    .insert(courses)
    .values({ title: `测试课程${++serial}`, ownerAccountId: owner.id, published: true })
    .returning();
  await db.insert(courseCategories).values({ courseId: course.id, category });
  const [lesson] = await db
    .insert(lessons)
    .values({ courseId: course.id, title: '测试课时', kind: 'document', durationSeconds: 100 * 2700, body: '正文' })
    .returning();
  const clients: { client: Client; personId: string; registrationId: string }[] = [];
  for (let i = 0; i < n; i++) {
    const k = ++serial;
    const first17 = `220100${new Date(Date.UTC(1975, 0, 1) + k * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '')}${String(k % 1000).padStart(3, '0')}`;
    const idNumber = first17 + idNumberCheckChar(first17);
    const [person] = await db
      .insert(persons)
      .values({
        name: `考生${k}`,
        idNumberEnc: t.deps.crypto.encrypt(idNumber),
        idNumberHash: t.deps.crypto.lookupHash('id', idNumber),
        idNumberMasked: maskIdNumber(idNumber),
        gender: 'male',
        birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
      })
      .returning();
    const [account] = await db
      .insert(accounts)
      .values({
        role: 'candidate',
        displayName: person.name,
        passwordHash: 'x',
        personId: person.id,
        identityVerifiedAt: new Date(),
      })
      .returning();
    const [registration] = await db
      .insert(registrations)
      .values({
        personId: person.id,
        category,
        jurisdictionCode: opts.jurisdictionCode ?? '220100',
        status: 'approved',
        submittedAt: new Date(),
        approvedAt: new Date(),
      })
      .returning();
    if ((opts.hours ?? 100) > 0) {
      const now = new Date();
      const [session] = await db
        .insert(studySessions)
        .values({ personId: person.id, lessonId: lesson.id, startedAt: now, lastHeartbeatAt: now, endedAt: now })
        .returning();
      await db.insert(studyLedger).values({
        personId: person.id,
        lessonId: lesson.id,
        sessionId: session.id,
        fromAt: new Date(now.getTime() - 3600_000),
        toAt: now,
        seconds: Math.round((opts.hours ?? 100) * 2700),
        valid: true,
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

let sessionSerial = 0;

/**
 * A held 考场 of `jurisdictionCode` with one application per score, scored as
 * given ('absent' for 缺考; [theory, practical] for special operations) —
 * made directly in the database, for tests about what comes after the exam.
 */
export async function scoredSession(
  t: TestApp,
  scores: (number | 'absent' | [number, number | null])[],
  opts: { category?: string; jurisdictionCode?: string; enterpriseId?: string } = {},
) {
  const db = t.deps.db;
  const category = opts.category ?? 'C2';
  const jurisdictionCode = opts.jurisdictionCode ?? '220100';
  const candidates = await studiedCandidates(t, scores.length, { category, jurisdictionCode, hours: 0 });
  const [creator] = await db.select().from(accounts).where(eq(accounts.role, 'city')).limit(1);
  const k = ++sessionSerial;
  const at = new Date(Date.now() - 86_400_000);
  const [session] = await db
    .insert(examSessions)
    .values({
      jurisdictionCode,
      name: `测试考场${k}`,
      address: '测试地址',
      room: '101',
      kind: 'theory',
      startsAt: at,
      endsAt: new Date(at.getTime() + 7_200_000),
      capacity: scores.length,
      applicationsOpenAt: new Date(at.getTime() - 7 * 86_400_000),
      applicationsCloseAt: new Date(at.getTime() - 86_400_000),
      status: 'held',
      year: 2026,
      sequence: 500 + k,
      createdBy: creator.id,
    })
    .returning();
  const applications: {
    applicationId: string;
    personId: string;
    registrationId: string;
    ticketNumber: string;
    client: (typeof candidates)[number]['client'];
  }[] = [];
  for (const [i, c] of candidates.entries()) {
    if (opts.enterpriseId)
      await db.update(registrations).set({ enterpriseId: opts.enterpriseId }).where(eq(registrations.id, c.registrationId));
    const ticketNumber = `2026${jurisdictionCode}${String(500 + k).padStart(3, '0')}${String(i + 1).padStart(3, '0')}`;
    const [a] = await db
      .insert(examApplications)
      .values({
        sessionId: session.id,
        registrationId: c.registrationId,
        personId: c.personId,
        jurisdictionCode,
        category,
        seatNumber: i + 1,
        ticketNumber,
      })
      .returning();
    const s = scores[i]!;
    const [theory, practical] = Array.isArray(s) ? s : [s, null];
    await db.insert(examScores).values({
      applicationId: a.id,
      source: Array.isArray(s) ? 'web_import' : 'exam_client',
      theoryScore: theory === 'absent' ? null : theory * 10,
      theoryAbsent: theory === 'absent',
      practicalScore: practical === null ? null : practical * 10,
    });
    applications.push({
      applicationId: a.id,
      personId: c.personId,
      registrationId: c.registrationId,
      ticketNumber,
      client: c.client,
    });
  }
  return { sessionId: session.id, applications };
}

/** A stored photo of a person (a real JPEG in file storage), as registration uploads leave it. */
export async function newPhoto(t: TestApp, personId: string, bytes: Buffer) {
  const storageKey = `photo/${randomUUID()}`;
  await t.deps.storage.put(storageKey, bytes);
  const [file] = await t.deps.db
    .insert(files)
    .values({
      personId,
      kind: 'photo',
      mimeType: 'image/jpeg',
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      storageKey,
      uploadedBy: personId,
    })
    .returning();
  return file!;
}
