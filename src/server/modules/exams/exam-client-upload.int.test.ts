import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsFromCsv, upload } from '../../../../tools/exam-client.js';
import { studiedCandidates } from '../../../../test/factories.js';
import { createTestApp, type Client, type TestApp } from '../../../../test/harness.js';
import { accounts, auditEvents, examScores, persons, qualifiedListEntries, qualifiedLists } from '../../db/schema/index.js';
import { SCORE_LOCKED } from './score-lock.js';

let t: TestApp;
let url: string;
let cityX: Client;
let credential: { keyId: string; secret: string; id: string };
let otherCity: { keyId: string; secret: string };
const tickets: { ticketNumber: string; idNumber: string; applicationId: string }[] = [];
let candidates: Awaited<ReturnType<typeof studiedCandidates>>;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  cityX = await t.login('demo-city-cc');
  const soon = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
  const session = await cityX.post('/api/exam-sessions', {
    name: '成绩上传测试考场',
    address: '长春市南关区人民大街100号',
    room: '101',
    kind: 'theory',
    capacity: 5,
    categories: ['C2'],
    startsAt: soon(72),
    endsAt: soon(74),
    applicationsOpenAt: soon(-1),
    applicationsCloseAt: soon(48),
  });
  await cityX.post(`/api/exam-sessions/${session.body.id}/publish`);
  candidates = await studiedCandidates(t, 3, { hours: 30 });
  for (const c of candidates) {
    const applied = await c.client.post(`/api/exam-sessions/${session.body.id}/apply`);
    const [p] = await t.deps.db.select().from(persons).where(eq(persons.id, c.personId));
    tickets.push({
      ticketNumber: applied.body.ticketNumber,
      idNumber: t.deps.crypto.decrypt(p.idNumberEnc),
      applicationId: applied.body.id,
    });
  }
  await cityX.post(`/api/exam-sessions/${session.body.id}/close`);
  credential = (await cityX.post('/api/exam-clients', { name: '长春市第一考点考试机' })).body;
  otherCity = (await (await t.login('demo-city-jl')).post('/api/exam-clients', { name: '吉林市考试机' })).body;
});
afterAll(async () => t?.close());

const body = (rows: unknown[]) => Buffer.from(JSON.stringify({ rows }));

describe('考试管理端上传', () => {
  it('uploads signed scores with a per-row result for every kind of bad row', async () => {
    const res = await upload({
      url,
      key: credential.keyId,
      secret: credential.secret,
      body: body([
        { ticketNumber: tickets[0].ticketNumber, idNumber: tickets[0].idNumber, score: 86.5 },
        { ticketNumber: tickets[1].ticketNumber, idNumber: tickets[1].idNumber, absent: true },
        { ticketNumber: tickets[2].ticketNumber, idNumber: tickets[0].idNumber, score: 70 },
        { ticketNumber: '2026220100999999', idNumber: tickets[2].idNumber, score: 70 },
        { ticketNumber: tickets[2].ticketNumber, idNumber: tickets[2].idNumber, score: 101 },
      ]),
    });
    expect(res.status).toBe(200);
    expect((res.body as { results: unknown[] }).results).toEqual([
      { row: 1, ticketNumber: tickets[0].ticketNumber, ok: true, message: '已记录成绩 86.5' },
      { row: 2, ticketNumber: tickets[1].ticketNumber, ok: true, message: '已记录缺考' },
      { row: 3, ticketNumber: tickets[2].ticketNumber, ok: false, message: '身份证号与准考证不符' },
      { row: 4, ticketNumber: '2026220100999999', ok: false, message: '准考证号不存在' },
      { row: 5, ticketNumber: tickets[2].ticketNumber, ok: false, message: '成绩应为0至100之间、最多一位小数的数字，或标记缺考' },
    ]);
    const [s] = await t.deps.db.select().from(examScores).where(eq(examScores.applicationId, tickets[0].applicationId));
    expect(s.theoryScore).toBe(865);
    // 成绩查询: the authority's list shows the results under the pass mark (60).
    const sessions = await cityX.get('/api/exam-sessions');
    const list = await cityX.get(`/api/exam-sessions/${sessions.body[0].id}/applicants`);
    expect(list.body.rows.map((r: { result: { label: string } | null }) => r.result?.label ?? null)).toEqual([
      '合格',
      '缺考',
      null,
    ]);
  });

  it('the same request again changes nothing; the same key with other content is refused', async () => {
    const b = body([{ ticketNumber: tickets[0].ticketNumber, idNumber: tickets[0].idNumber, score: 90 }]);
    const first = await upload({ url, key: credential.keyId, secret: credential.secret, body: b, idempotencyKey: 'retry-0001' });
    const again = await upload({ url, key: credential.keyId, secret: credential.secret, body: b, idempotencyKey: 'retry-0001' });
    expect((again.body as { replayed: boolean }).replayed).toBe(true);
    expect((again.body as { results: unknown }).results).toEqual((first.body as { results: unknown }).results);
    const corrected = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'exam_score.corrected'));
    expect(corrected).toHaveLength(1);
    const other = await upload({
      url,
      key: credential.keyId,
      secret: credential.secret,
      body: body([{ ticketNumber: tickets[0].ticketNumber, idNumber: tickets[0].idNumber, score: 10 }]),
      idempotencyKey: 'retry-0001',
    });
    expect(other.status).toBe(409);
  });

  it("records the exam room's real address, not a placeholder", async () => {
    const uploaded = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'exam_score.uploaded'));
    expect(uploaded.length).toBeGreaterThan(0);
    expect(uploaded.every((e) => e.ip === '127.0.0.1')).toBe(true);
  });

  it('a result on a submitted or confirmed qualified list can no longer be changed by the exam client', async () => {
    const [city] = await t.deps.db.select().from(accounts).where(eq(accounts.username, 'demo-city-cc'));
    const [list] = await t.deps.db
      .insert(qualifiedLists)
      .values({ jurisdictionCode: '220100', title: '锁定测试', entryCount: 1, submittedBy: city.id })
      .returning();
    await t.deps.db.insert(qualifiedListEntries).values({ listId: list.id, applicationId: tickets[0].applicationId });
    const changed = await upload({
      url,
      key: credential.keyId,
      secret: credential.secret,
      body: body([{ ticketNumber: tickets[0].ticketNumber, idNumber: tickets[0].idNumber, score: 40 }]),
    });
    expect((changed.body as { results: { ok: boolean; message: string }[] }).results[0]).toMatchObject({
      ok: false,
      message: SCORE_LOCKED,
    });
    const [s] = await t.deps.db.select().from(examScores).where(eq(examScores.applicationId, tickets[0].applicationId));
    expect(s.theoryScore).toBe(900);
    // Sending the same result again is harmless.
    const same = await upload({
      url,
      key: credential.keyId,
      secret: credential.secret,
      body: body([{ ticketNumber: tickets[0].ticketNumber, idNumber: tickets[0].idNumber, score: 90 }]),
    });
    expect((same.body as { results: { ok: boolean }[] }).results[0].ok).toBe(true);
  });

  it('refuses a wrong signature, an old timestamp (replay) and a revoked credential', async () => {
    const b = body([{ ticketNumber: tickets[2].ticketNumber, idNumber: tickets[2].idNumber, score: 75 }]);
    const wrong = await upload({ url, key: credential.keyId, secret: 'not-the-secret', body: b });
    expect(wrong.status).toBe(401);
    expect((wrong.body as { error: { message: string } }).error.message).toBe('签名不正确');
    const old = await upload({
      url,
      key: credential.keyId,
      secret: credential.secret,
      body: b,
      now: new Date(Date.now() - 10 * 60_000),
    });
    expect((old.body as { error: { message: string } }).error.message).toBe('请求时间戳已过期，可能是重放请求');
    const unsigned = await t.app.inject({
      method: 'POST',
      url: '/api/exam-client/scores',
      payload: b,
      headers: { 'content-type': 'application/json' },
    });
    expect(unsigned.statusCode).toBe(401);
    await cityX.post(`/api/exam-clients/${credential.id}/revoke`);
    const revoked = await upload({ url, key: credential.keyId, secret: credential.secret, body: b });
    expect((revoked.body as { error: { message: string } }).error.message).toBe('考试管理端凭证无效或已吊销');
  });

  it("another city's exam client cannot touch these tickets", async () => {
    const res = await upload({
      url,
      key: otherCity.keyId,
      secret: otherCity.secret,
      body: body([{ ticketNumber: tickets[2].ticketNumber, idNumber: tickets[2].idNumber, score: 99 }]),
    });
    expect((res.body as { results: { message: string }[] }).results[0].message).toBe('准考证号不存在');
    const [s] = await t.deps.db.select().from(examScores).where(eq(examScores.applicationId, tickets[2].applicationId));
    expect(s).toBeUndefined();
  });

  it('reads CSV files as the reference client does', () => {
    expect(
      rowsFromCsv(
        '\uFEFF准考证号,身份证号,成绩\n2026220100001001,220102199003071235,88\n2026220100001002,220102199003071235,缺考\n',
      ),
    ).toEqual([
      { ticketNumber: '2026220100001001', idNumber: '220102199003071235', score: 88 },
      { ticketNumber: '2026220100001002', idNumber: '220102199003071235', absent: true },
    ]);
  });

  it('a failed or absent candidate may apply for a later session; one who passed may not', async () => {
    const soon = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
    const later = await cityX.post('/api/exam-sessions', {
      name: '补考考场',
      address: '长春市南关区人民大街100号',
      room: '102',
      kind: 'theory',
      capacity: 5,
      categories: ['C2'],
      startsAt: soon(240),
      endsAt: soon(242),
      applicationsOpenAt: soon(-1),
      applicationsCloseAt: soon(200),
    });
    await cityX.post(`/api/exam-sessions/${later.body.id}/publish`);
    // tickets[0] passed (90), tickets[1] was absent.
    expect((await candidates[0].client.get('/api/exams/available')).body).toEqual([]);
    const refused = await candidates[0].client.post(`/api/exam-sessions/${later.body.id}/apply`);
    expect(refused.body.error.message).toBe('您已通过该类别的考试，无需再次申请考场');
    expect((await candidates[1].client.get('/api/exams/available')).body.map((x: { id: string }) => x.id)).toEqual([
      later.body.id,
    ]);
    expect((await candidates[1].client.post(`/api/exam-sessions/${later.body.id}/apply`)).status).toBe(200);
  });
});
