import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg } from '../../../../test/fixtures.js';
import { newAccount, newCandidate, newCertificate, newEnterprise } from '../../../../test/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../test/harness.js';
import { certificateEvents, certificates, nationalReports, studyLedger, studySessions } from '../../db/schema/index.js';

let t: TestApp;
let clock = new Date('2026-11-25T02:00:00Z');
let ent: Client;
let city: Client;
let other: Client;
let otherCity: Client;
let holder: Client;
let cert: typeof certificates.$inferSelect;
let courseId: string;
let lessonId: string;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  // One enterprise of 长春 with a holder whose C2 certificate was issued today (valid three years).
  const enterprise = await newEnterprise(t);
  ent = enterprise.client;
  other = (await newEnterprise(t)).client;
  city = (await newAccount(t, 'city', { jurisdictionCode: '220100' })).client;
  otherCity = (await newAccount(t, 'city', { jurisdictionCode: '220200' })).client;
  const province = (await newAccount(t, 'province')).client;
  const candidate = await newCandidate(t);
  holder = candidate.client;
  cert = await newCertificate(t, {
    personId: candidate.person.id,
    enterpriseId: enterprise.enterprise.id,
    issuedOn: '2026-11-25',
    expiresOn: '2029-11-24',
  });
  courseId = (await province.post('/api/courses', { title: '三类人员继续教育（2029）', categories: ['C2'], continuing: true }))
    .body.id;
  lessonId = (
    await province.post(`/api/courses/${courseId}/lessons/document`, {
      title: '安全生产法律法规新规解读',
      body: '正文内容'.repeat(50),
      minutes: 45,
    })
  ).body.id;
  await province.post(`/api/courses/${courseId}/publish`, { published: true });
});
afterAll(async () => t?.close());

/** Credited study time as the learning engine writes it: a session and a valid ledger row. */
async function credit(hours: number, at: Date) {
  const [session] = await t.deps.db
    .insert(studySessions)
    .values({ personId: cert.personId, lessonId, startedAt: at, lastHeartbeatAt: at, endedAt: at })
    .returning();
  await t.deps.db.insert(studyLedger).values({
    personId: cert.personId,
    lessonId,
    sessionId: session.id,
    fromAt: at,
    toAt: new Date(at.getTime() + hours * 2700_000),
    seconds: Math.round(hours * 2700),
    valid: true,
  });
}

describe('继续教育报名', () => {
  it("the holder's enterprise enrols the certificate in a continuing course of its category; nobody else can", async () => {
    const offered = await ent.get(`/api/certificates/${cert.id}/continuing`);
    expect(offered.body.courses).toEqual([{ id: courseId, title: '三类人员继续教育（2029）' }]);
    expect((await other.post(`/api/certificates/${cert.id}/continuing`, { courseId })).status).toBe(404);
    expect((await ent.post(`/api/certificates/${cert.id}/continuing`, { courseId: cert.id })).body.error.field).toBe('courseId');
    expect((await ent.post(`/api/certificates/${cert.id}/continuing`, { courseId })).body).toEqual({
      enrolled: true,
      alreadyEnrolled: false,
    });
    expect((await ent.post(`/api/certificates/${cert.id}/continuing`, { courseId })).body.alreadyEnrolled).toBe(true);
  });

  it('the holder studies it with the learning engine: the course appears in 在线学习 and a study session starts', async () => {
    const overview = await holder.get('/api/study/overview');
    const item = overview.body.find((p: { categoryLabel: string }) => p.categoryLabel.startsWith('继续教育'));
    expect(item).toMatchObject({ requiredHours: 24, doneSeconds: 0 });
    expect(item.courses[0].lessons[0].id).toBe(lessonId);
    const started = await holder.post(`/api/study/lessons/${lessonId}/start`);
    expect(started.status).toBe(200);
    expect(started.body.capture).toBeTruthy(); // a snapshot is due at once, as for any lesson
    // Snapshot delivered, 30 s of reading on the server clock: the ledger credits it and the period total follows.
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await jpeg(320, 240))]), 'cap.jpg');
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/study/captures/${started.body.capture.id}`,
      payload: form,
      headers: {
        cookie: `agt_sid=${holder.cookies.agt_sid}; agt_csrf=${holder.cookies.agt_csrf}`,
        'x-csrf-token': holder.cookies.agt_csrf,
      },
    });
    expect(up.statusCode).toBe(200);
    clock = new Date(clock.getTime() + 30_000);
    const beat = await holder.post(`/api/study/sessions/${started.body.sessionId}/heartbeat`, {
      position: 30,
      playing: true,
      visible: true,
    });
    expect(beat.body.credited).toBe(30);
    expect((await ent.get(`/api/certificates/${cert.id}/continuing`)).body.seconds).toBe(30);
    // A continuing course does not count toward initial training (it is not in the category's plan).
    expect(
      overview.body
        .filter((p: { categoryLabel: string }) => !p.categoryLabel.startsWith('继续教育'))
        .every((p: { courses: { id: string }[] }) => p.courses.every((c) => c.id !== courseId)),
    ).toBe(true);
  });
});

describe('延期申请 → 延期审核', () => {
  it('is refused before the 3-month window and without the hours of the period', async () => {
    // The list says so before anyone clicks, in the same words the request is refused with.
    const policiesOf = async () =>
      (await ent.get('/api/personnel')).body.find((r: { certificateId: string }) => r.certificateId === cert.id).policies;
    expect((await policiesOf()).requestExtension).toEqual({
      allowed: false,
      reason: '2029-08-24 起可申请延期（有效期届满前3个月内）',
    });
    expect((await ent.post(`/api/certificates/${cert.id}/extension`)).body.error.message).toBe(
      '2029-08-24 起可申请延期（有效期届满前3个月内）',
    );
    await credit(10, new Date('2027-03-01T02:00:00Z'));
    await credit(30, new Date('2026-01-01T02:00:00Z')); // before the validity period: does not count
    clock = new Date('2029-09-01T02:00:00Z');
    expect((await policiesOf()).requestExtension).toEqual({
      allowed: false,
      reason: '继续教育学时不足：本有效期内已完成 10 学时，需 24 学时',
    });
    expect((await ent.post(`/api/certificates/${cert.id}/extension`)).body.error.message).toBe(
      '继续教育学时不足：本有效期内已完成 10 学时，需 24 学时',
    );
  });

  it('with the hours, the enterprise applies; the city of the certificate approves; the expiry moves by 3 years and the public page shows it', async () => {
    await credit(14, new Date('2028-05-01T02:00:00Z'));
    const policiesOf = async () =>
      (await ent.get('/api/personnel')).body.find((r: { certificateId: string }) => r.certificateId === cert.id).policies;
    expect((await policiesOf()).requestExtension).toEqual({ allowed: true });
    const asked = await ent.post(`/api/certificates/${cert.id}/extension`);
    expect(asked.status).toBe(200);
    expect((await policiesOf()).requestExtension).toEqual({ allowed: false, reason: '已有待审核的延期申请' });
    expect((await ent.post(`/api/certificates/${cert.id}/extension`)).body.error.message).toBe('该证书已有待审核的延期申请');
    // Only the certificate's city decides; the enterprise sees its request without 批准/退回.
    expect((await city.get('/api/extensions?status=pending')).body[0].policies).toEqual({
      approve: { allowed: true },
      return: { allowed: true },
    });
    expect((await ent.get('/api/extensions?status=pending')).body[0].policies).toEqual({});
    expect((await otherCity.post(`/api/extensions/${asked.body.id}/decide`, { approve: true })).status).toBe(404);
    expect((await city.get('/api/extensions?status=pending')).body).toEqual([
      expect.objectContaining({ id: asked.body.id, continuingHours: 24, expiresOn: '2029-11-24' }),
    ]);
    expect((await city.post(`/api/extensions/${asked.body.id}/decide`, { approve: true })).body).toEqual({
      status: 'approved',
      newExpiresOn: '2032-11-24',
    });
    const [after] = await t.deps.db.select().from(certificates).where(eq(certificates.id, cert.id));
    expect(after).toMatchObject({ number: cert.number, expiresOn: '2032-11-24', status: 'valid' });
    const events = await t.deps.db.select().from(certificateEvents).where(eq(certificateEvents.certificateId, cert.id));
    expect(events.map((e) => e.kind)).toEqual(['issued', 'extended']);
    // The national feed has the extension (02, a new version of the 证照标识), queued in the approving transaction.
    const reports = await t.deps.db.select().from(nationalReports).where(eq(nationalReports.certificateId, cert.id));
    expect(reports.map((r) => [r.operateType, r.identifier.split('.')[8]])).toEqual([
      ['01', '001'],
      ['02', '002'],
    ]);
    expect(reports[1]!.payload).toMatchObject({ expiringDate: '2032-11-24', associatedZzeCertID: reports[0]!.identifier });
    const verify = await new Client(t.app, '203.0.113.77').get(`/api/public/certificates/verify/${cert.verifyToken}`);
    expect(verify.body).toMatchObject({ expiresOn: '2032-11-24', statusLabel: '有效' });
  });

  it('a suspended certificate cannot be extended; a returned request says why', async () => {
    clock = new Date('2032-09-01T02:00:00Z');
    await credit(24, new Date('2030-01-01T02:00:00Z'));
    await city.post(`/api/certificates/${cert.id}/suspend`, { reason: '违规作业' });
    expect((await ent.post(`/api/certificates/${cert.id}/extension`)).body.error.message).toBe(
      '证书当前为「暂扣」，不能申请延期',
    );
    await city.post(`/api/certificates/${cert.id}/restore`, { reason: '整改完成' });
    const asked = await ent.post(`/api/certificates/${cert.id}/extension`);
    expect((await city.post(`/api/extensions/${asked.body.id}/decide`, { approve: false })).body.error.field).toBe('reason');
    await city.post(`/api/extensions/${asked.body.id}/decide`, { approve: false, reason: '继续教育证明不全' });
    expect((await ent.get('/api/extensions?status=returned')).body[0]).toMatchObject({ decisionReason: '继续教育证明不全' });
  });
});
