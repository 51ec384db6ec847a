import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg } from '../../../../test/fixtures.js';
import { studiedCandidates } from '../../../../test/factories.js';
import { createTestApp, type Client, type TestApp } from '../../../../test/harness.js';
import { accounts, enterprises, persons, registrations, studyLedger } from '../../db/schema/index.js';
import { saveStudyRules } from './study-rules.js';
import { DEMO_CANDIDATE } from '../bootstrap/demo-data.js';

let clock = new Date('2026-11-25T02:00:00Z');
const tick = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));
let t: TestApp;
let candidate: Client;
let training: Client;
let cityX: Client;
let cityY: Client;
let registrationId: string;
let docLessonId: string;
let videoLessonId: string;
let lastPosition = 0;

/** A minimal WebM: its EBML header is what the server checks. */
const webm = () => Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(2048, 1)]);

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  // Snapshots exactly 15 minutes apart: the journey below must not depend on the random draw.
  await saveStudyRules(t.deps.db, { captureMinIntervalSeconds: 900, captureMaxIntervalSeconds: 900 }, null);
  [candidate, training, cityX, cityY] = await Promise.all([
    t.login(DEMO_CANDIDATE.idNumber),
    t.login('demo-training'),
    t.login('demo-city-cc'),
    t.login('demo-city-jl'),
  ]);
  const course = await training.post('/api/courses', {
    title: '专职安全员安全生产知识',
    description: '住建部令第17号',
    categories: ['C2'],
  });
  expect(course.status).toBe(200);
  expect((await training.post(`/api/courses/${course.body.id}/publish`, { published: true })).body.error.message).toBe(
    '课程还没有课时，不能发布',
  );
  const doc = await training.post(`/api/courses/${course.body.id}/lessons/document`, {
    title: '安全生产责任',
    body: '建筑施工企业应当建立健全安全生产责任制度。'.repeat(5),
    minutes: 60,
  });
  docLessonId = doc.body.id;
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(webm())]), 'l.webm');
  const video = await t.app.inject({
    method: 'POST',
    url: `/api/courses/${course.body.id}/lessons/video?title=${encodeURIComponent('施工现场危险源')}&durationSeconds=120`,
    headers: {
      cookie: `agt_sid=${training.cookies.agt_sid}; agt_csrf=${training.cookies.agt_csrf}`,
      'x-csrf-token': training.cookies.agt_csrf,
    },
    payload: form,
  });
  expect(video.statusCode).toBe(200);
  videoLessonId = video.json().id;
  expect((await training.post(`/api/courses/${course.body.id}/publish`, { published: true })).status).toBe(200);
  // The candidate's registration, approved (the review workflow is tested elsewhere).
  const [person] = await t.deps.db.select().from(persons).where(eq(persons.name, DEMO_CANDIDATE.name));
  const [ent] = await t.deps.db.select().from(enterprises).where(eq(enterprises.jurisdictionCode, '220100'));
  const [r] = await t.deps.db
    .insert(registrations)
    .values({ personId: person.id, category: 'C2', jurisdictionCode: '220100', enterpriseId: ent.id, status: 'draft' })
    .returning();
  registrationId = r.id;
});
afterAll(async () => t?.close());

const beat = (sessionId: string, body: { position: number; playing?: boolean; visible?: boolean }) =>
  candidate.post(`/api/study/sessions/${sessionId}/heartbeat`, { playing: true, visible: true, ...body });

describe('studying with server-measured time and random capture', () => {
  let session: string;
  let position = 0;

  it('only an approved candidate may start', async () => {
    const res = await candidate.post(`/api/study/lessons/${docLessonId}/start`);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('报名审核通过后才能开始学习');
    await t.deps.db.update(registrations).set({ status: 'approved' }).where(eq(registrations.id, registrationId));
  });

  it('asks for a snapshot at once and credits nothing until it arrives', async () => {
    const start = await candidate.post(`/api/study/lessons/${videoLessonId}/start`);
    expect(start.status).toBe(200);
    session = start.body.sessionId;
    expect(start.body.capture.id).toBeTruthy();
    tick(30);
    position = 30;
    const hb = await beat(session, { position });
    expect(hb.body).toMatchObject({ credited: 0, refused: [{ seconds: 30, reason: 'capture_missing' }] });
    expect(hb.body.capture.id).toBe(start.body.capture.id);
    const snap = await candidate.upload('x', await jpeg(640, 480));
    expect(snap.status).toBe(400); // not a registration file kind: the capture goes to its own route
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await jpeg(640, 480))]), 'cap.jpg');
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/study/captures/${hb.body.capture.id}`,
      payload: form,
      headers: {
        cookie: `agt_sid=${candidate.cookies.agt_sid}; agt_csrf=${candidate.cookies.agt_csrf}`,
        'x-csrf-token': candidate.cookies.agt_csrf,
      },
    });
    expect(up.statusCode).toBe(200);
  });

  it('credits the time of normal play, capped at 35 s per heartbeat', async () => {
    tick(30);
    position += 30;
    expect((await beat(session, { position })).body).toMatchObject({ credited: 30, refused: [], capture: null });
    tick(200);
    position += 35;
    expect((await beat(session, { position })).body).toMatchObject({ credited: 35, refused: [{ seconds: 165, reason: 'gap' }] });
  });

  it('a heartbeat sent twice at once counts once', async () => {
    tick(30);
    const [a, b] = await Promise.all([beat(session, { position }), beat(session, { position })]);
    // Either the second is refused, or it finds the first already recorded and credits nothing.
    expect([a, b].every((r) => r.status === 200 || r.status === 409)).toBe(true);
    expect([a, b].reduce((sum, r) => sum + (r.status === 200 ? r.body.credited : 0), 0)).toBe(30);
  });

  it('credits nothing while hidden or paused, and refuses a seek past the furthest point', async () => {
    tick(30);
    expect((await beat(session, { position, visible: false })).body).toMatchObject({
      credited: 0,
      refused: [{ reason: 'hidden' }],
    });
    tick(30);
    expect((await beat(session, { position, playing: false })).body).toMatchObject({
      credited: 0,
      refused: [{ reason: 'paused' }],
    });
    tick(30);
    const jump = await beat(session, { position: position + 60 });
    expect(jump.body).toMatchObject({
      credited: 0,
      positionRefused: true,
      furthestSeconds: position,
      refused: [{ reason: 'position_jump' }],
    });
  });

  it('never credits a lesson beyond its length', async () => {
    tick(30);
    position = Math.min(120, position + 30);
    const hb = await beat(session, { position });
    expect(hb.body.lessonCreditedSeconds).toBeLessThanOrEqual(120);
    tick(30);
    const after = await beat(session, { position: 120 });
    expect(after.body.lessonCreditedSeconds).toBe(120);
    expect(after.body.refused.map((r: { reason: string }) => r.reason)).toContain('lesson_complete');
  });

  it('a second device takes over; the first stops earning and is told why', async () => {
    const other = await t.login(DEMO_CANDIDATE.phone);
    const start = await other.post(`/api/study/lessons/${docLessonId}/start`);
    expect(start.body.tookOverAnotherDevice).toBe(true);
    tick(30);
    const old = await beat(session, { position: 120 });
    expect(old.status).toBe(409);
    expect(old.body.error.message).toBe('您已在其他设备上开始学习，本页面已停止计时');
    session = start.body.sessionId;
    candidate = other;
  });

  it('a missed snapshot stops the credit until one arrives', async () => {
    // Deliver the first snapshot of the new session, study, then ignore the next request for longer than its window.
    tick(5);
    const first = await beat(session, { position: 5 });
    await deliver(first.body.capture.id);
    let pos = 5;
    let missed = false;
    for (let i = 0; i < 40 && !missed; i++) {
      tick(30);
      pos += 30;
      const hb = await beat(session, { position: pos });
      missed = hb.body.refused.some((r: { reason: string }) => r.reason === 'capture_missing');
    }
    expect(missed).toBe(true);
    tick(30);
    pos += 30;
    const still = await beat(session, { position: pos });
    expect(still.body.credited).toBe(0);
    await deliver(still.body.capture.id);
    tick(30);
    pos += 30;
    expect((await beat(session, { position: pos })).body.credited).toBe(30);
    lastPosition = pos;
  });

  it('stops at the daily cap', async () => {
    const [p] = await t.deps.db.select().from(persons).where(eq(persons.name, DEMO_CANDIDATE.name));
    const [someRow] = await t.deps.db.select().from(studyLedger).where(eq(studyLedger.sessionId, session)).limit(1);
    const today = await t.deps.db
      .select()
      .from(studyLedger)
      .where(and(eq(studyLedger.personId, p.id), eq(studyLedger.valid, true)));
    const done = today.reduce((s, r) => s + r.seconds, 0);
    await t.deps.db.insert(studyLedger).values({
      ...someRow,
      id: undefined,
      captureId: null,
      seconds: 8 * 2700 - done - 10,
      valid: true,
      invalidReason: null,
      lessonId: videoLessonId,
    });
    tick(30);
    const hb = await beat(session, { position: lastPosition + 30 });
    expect(hb.body).toMatchObject({
      credited: 10,
      refused: [{ seconds: 20, reason: 'daily_cap' }],
      todayCreditedSeconds: 8 * 2700,
    });
  });
});

describe('snapshot review and hours reached', () => {
  it('the authority sees the snapshots; rejecting one invalidates its intervals and the totals follow', async () => {
    const list = await cityX.get(`/api/review/registrations/${registrationId}/captures`);
    expect(list.status).toBe(200);
    const received = list.body.captures.find(
      (c: { status: string; creditedSeconds: number }) => c.status === 'received' && c.creditedSeconds > 0,
    );
    expect((await cityX.request('GET', `/api/captures/${received.id}/image`)).status).toBe(200);
    expect((await cityY.get(`/api/review/registrations/${registrationId}/captures`)).status).toBe(404);
    // The same person also registered with city Y, for another category: Y still may not see or judge what was
    // taken studying for city X's registration.
    const [person] = await t.deps.db.select().from(persons).where(eq(persons.name, DEMO_CANDIDATE.name));
    const [elsewhere] = await t.deps.db
      .insert(registrations)
      .values({
        personId: person.id,
        category: 'C1',
        jurisdictionCode: '220200',
        status: 'approved',
        submittedAt: new Date(),
        approvedAt: new Date(),
      })
      .returning();
    expect((await cityY.request('GET', `/api/captures/${received.id}/image`)).status).toBe(404);
    expect((await cityY.post(`/api/review/captures/${received.id}/reject`, { reason: '非本人' })).status).toBe(404);
    await t.deps.db.update(registrations).set({ deletedAt: new Date() }).where(eq(registrations.id, elsewhere.id));
    const before = (await candidate.get(`/api/registrations/${registrationId}/progress`)).body.doneSeconds;
    const res = await cityX.post(`/api/review/captures/${received.id}/reject`, { reason: '照片中不是本人' });
    expect(res.body.invalidatedSeconds).toBe(received.creditedSeconds);
    const after = (await candidate.get(`/api/registrations/${registrationId}/progress`)).body.doneSeconds;
    expect(after).toBe(before - received.creditedSeconds);
    const rows = await t.deps.db.select().from(studyLedger).where(eq(studyLedger.captureId, received.id));
    expect(rows.every((r) => !r.valid && r.invalidReason === 'snapshot_rejected')).toBe(true);
  });

  it('counts candidates who reached the required hours, per category, in scope', async () => {
    await saveStudyRules(
      t.deps.db,
      { captureMinIntervalSeconds: 900, captureMaxIntervalSeconds: 900, requiredHours: { C2: 1 } },
      null,
    );
    // Another approved candidate of the same category who has not studied: counted, not reached.
    await studiedCandidates(t, 1, { hours: 0 });
    const counts = await cityX.get('/api/review/hours-reached');
    expect(counts.body.rows).toEqual([
      { category: 'C2', categoryLabel: 'C2 专职安全生产管理人员（土建）', requiredHours: 1, approved: 2, reached: 1 },
    ]);
    expect((await cityY.get('/api/review/hours-reached')).body.rows).toEqual([]);
    const ent = await t.login('demo-ent-a');
    expect((await ent.get(`/api/registrations/${registrationId}/progress`)).body.reached).toBe(true);
    expect((await (await t.login('demo-ent-b')).get(`/api/registrations/${registrationId}/progress`)).status).toBe(404);
  });
});

async function deliver(captureId: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await jpeg(320, 240))]), 'cap.jpg');
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/study/captures/${captureId}`,
    payload: form,
    headers: {
      cookie: `agt_sid=${candidate.cookies.agt_sid}; agt_csrf=${candidate.cookies.agt_csrf}`,
      'x-csrf-token': candidate.cookies.agt_csrf,
    },
  });
  expect(res.statusCode).toBe(200);
}

describe('lesson videos', () => {
  it('stream to their author and to learners who may study them, never to another institution', async () => {
    const [other] = await t.deps.db
      .insert(accounts)
      .values({ role: 'training', username: 'other-training', displayName: '另一培训机构', passwordHash: 'x' })
      .returning();
    const stranger = await t.sessionFor(other.id);
    expect((await stranger.request('GET', `/api/study/lessons/${videoLessonId}/video`)).status).toBe(404);
    expect((await training.request('GET', `/api/study/lessons/${videoLessonId}/video`)).status).toBe(200);
  });
});
