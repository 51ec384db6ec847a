import { count, eq, isNotNull, and } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studiedCandidates } from '../../../../test/factories.js';
import { createTestApp, type Client, type TestApp } from '../../../../test/harness.js';
import { auditEvents, examSeats, notifications } from '../../db/schema/index.js';

const clock = new Date('2026-11-25T02:00:00Z');
let t: TestApp;
let cityX: Client;
let cityY: Client;
const iso = (offsetHours: number) => new Date(clock.getTime() + offsetHours * 3_600_000).toISOString();
const sessionBody = (capacity = 2, categories = ['C2']) => ({
  name: '长春市第一考点（2026年第4期）',
  address: '长春市南关区人民大街100号',
  room: '301',
  kind: 'theory',
  capacity,
  categories,
  startsAt: iso(72),
  endsAt: iso(74),
  applicationsOpenAt: iso(-1),
  applicationsCloseAt: iso(48),
});

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  [cityX, cityY] = await Promise.all([t.login('demo-city-cc'), t.login('demo-city-jl')]);
});
afterAll(async () => t?.close());

describe('考场: publish, apply, withdraw, print', () => {
  let sessionId: string;
  let candidates: Awaited<ReturnType<typeof studiedCandidates>>;

  it('validates the session form, naming the field', async () => {
    const bad = await cityX.post('/api/exam-sessions', { ...sessionBody(), endsAt: iso(71) });
    expect(bad.body.error).toMatchObject({ field: 'endsAt', message: '考试结束时间：结束时间须晚于开始时间' });
    const late = await cityX.post('/api/exam-sessions', { ...sessionBody(), applicationsCloseAt: iso(80) });
    expect(late.body.error.message).toBe('申请截止时间：申请须在考试开始前截止');
    const none = await cityX.post('/api/exam-sessions', { ...sessionBody(), categories: [] });
    expect(none.body.error.message).toBe('适用类别：请选择考场适用的类别或工种');
  });

  it('publishes: seats become rows, approved candidates of the categories are told', async () => {
    candidates = await studiedCandidates(t, 4, { hours: 30 });
    const created = await cityX.post('/api/exam-sessions', sessionBody(2));
    sessionId = created.body.id;
    // What the city may do with it comes with it; the province looks on.
    const listed = async (c: Client) => (await c.get('/api/exam-sessions')).body.find((s: { id: string }) => s.id === sessionId);
    expect((await listed(cityX)).policies).toEqual({ publish: { allowed: true } });
    expect((await listed(await t.login('demo-province'))).policies).toEqual({});
    expect((await cityY.post(`/api/exam-sessions/${sessionId}/publish`)).status).toBe(404);
    expect((await candidates[0].client.post(`/api/exam-sessions/${sessionId}/apply`)).status).toBe(404); // a draft does not exist for candidates
    expect((await cityX.post(`/api/exam-sessions/${sessionId}/publish`)).status).toBe(200);
    expect((await cityX.post(`/api/exam-sessions/${sessionId}/publish`)).body.error.message).toBe('只有草稿状态的考场可以发布');
    expect((await listed(cityX)).policies).toEqual({ close: { allowed: true } });
    expect((await cityX.put(`/api/exam-sessions/${sessionId}`, sessionBody(5))).body.error.code).toBe('INVALID_STATE');
    const [{ seats }] = await t.deps.db.select({ seats: count() }).from(examSeats).where(eq(examSeats.sessionId, sessionId));
    expect(seats).toBe(2);
    const notes = await t.deps.db.select().from(notifications).where(eq(notifications.title, '新考场已发布'));
    expect(notes.length).toBeGreaterThanOrEqual(4);
    expect((await cityY.get('/api/exam-sessions')).body).toEqual([]);
  });

  it('the candidate sees it, applies, gets seat and ticket number; a second application is refused', async () => {
    const c = candidates[0].client;
    const available = await c.get('/api/exams/available');
    expect(available.body.map((s: { id: string }) => s.id)).toEqual([sessionId]);
    expect(available.body[0].policies).toEqual({ apply: { allowed: true } });
    const applied = await c.post(`/api/exam-sessions/${sessionId}/apply`);
    expect(applied.status).toBe(200);
    expect(applied.body.seatNumber).toBe(1);
    expect(applied.body.ticketNumber).toBe('2026220100001001');
    const again = await c.post(`/api/exam-sessions/${sessionId}/apply`);
    expect(again.body.error.message).toBe('您已申请了该类别的考场，不能重复申请；如需更换请先退考');
    expect((await c.get('/api/exams/available')).body).toEqual([]); // nothing left to apply for in C2
  });

  it('a candidate registered in another city cannot apply here', async () => {
    const [elsewhere] = await studiedCandidates(t, 1, { hours: 30, jurisdictionCode: '220200' });
    expect((await elsewhere.client.get('/api/exams/available')).body).toEqual([]);
    const res = await elsewhere.client.post(`/api/exam-sessions/${sessionId}/apply`);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('您在该地区没有本考场适用类别的已审核报名');
  });

  it('refuses without the hours, and when full', async () => {
    const [lazy] = await studiedCandidates(t, 1, { hours: 2 });
    // 申请 is shown disabled with the reason before the click, in the words of the refusal.
    expect((await lazy.client.get('/api/exams/available')).body[0].policies.apply).toEqual({
      allowed: false,
      reason: '学时未达到要求：已完成 2 学时，需 24 学时',
    });
    const noHours = await lazy.client.post(`/api/exam-sessions/${sessionId}/apply`);
    expect(noHours.status).toBe(403);
    expect(noHours.body.error.message).toMatch(/^学时未达到要求：已完成 2 学时，需 24 学时$/);
    expect((await candidates[1].client.post(`/api/exam-sessions/${sessionId}/apply`)).body.seatNumber).toBe(2);
    const full = await candidates[2].client.post(`/api/exam-sessions/${sessionId}/apply`);
    expect(full.status).toBe(409);
    expect(full.body.error.message).toBe('该考场座位已满，请选择其他考场');
    expect((await candidates[2].client.get('/api/exams/available')).body).toEqual([]);
  });

  it('withdrawal before printing frees the seat for the next candidate', async () => {
    const c = candidates[1].client;
    const [mine] = (await c.get('/api/exams/mine')).body;
    expect((await c.post(`/api/exam-applications/${mine.id}/withdraw`)).status).toBe(200);
    expect((await cityY.post(`/api/exam-applications/${mine.id}/delete`, { reason: '本人申请退考' })).status).toBe(404);
    expect((await cityX.post(`/api/exam-applications/${mine.id}/delete`, { reason: '' })).body.error.message).toBe(
      '原因：请填写删除原因',
    );
    expect((await cityX.post(`/api/exam-applications/${mine.id}/delete`, { reason: '本人申请退考' })).status).toBe(200);
    const reapply = await candidates[2].client.post(`/api/exam-sessions/${sessionId}/apply`);
    expect(reapply.body).toMatchObject({ seatNumber: 2 });
  });

  it('printing the ticket locks the application: no withdrawal, no cancellation; reprint works', async () => {
    const c = candidates[0].client;
    const [mine] = (await c.get('/api/exams/mine')).body;
    expect(mine.policies).toEqual({ printTicket: { allowed: true }, withdraw: { allowed: true } });
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/exam-applications/${mine.id}/ticket.pdf`,
      headers: { cookie: `agt_sid=${c.cookies.agt_sid}` },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const withdraw = await c.post(`/api/exam-applications/${mine.id}/withdraw`);
    expect(withdraw.body.error.message).toBe('准考证已打印，按规定不能再取消考试资格');
    expect((await cityX.post(`/api/exam-applications/${mine.id}/cancel`, { reason: '资格审查' })).body.error.message).toBe(
      '准考证已打印，按规定不能再取消考试资格',
    );
    // Both screens say so before the click: the buttons come disabled with the rule as their reason.
    const printedRule = { allowed: false, reason: '准考证已打印，按规定不能再取消考试资格' };
    expect((await c.get('/api/exams/mine')).body[0].policies.withdraw).toEqual(printedRule);
    expect(
      (await cityX.get(`/api/exam-sessions/${sessionId}/applicants`)).body.rows.find((r: { id: string }) => r.id === mine.id)
        .policies,
    ).toEqual({ cancel: printedRule });
    const again = await t.app.inject({
      method: 'GET',
      url: `/api/exam-applications/${mine.id}/ticket.pdf`,
      headers: { cookie: `agt_sid=${c.cookies.agt_sid}` },
    });
    expect(again.statusCode).toBe(200);
    const printed = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'exam_application.ticket_printed'));
    expect(printed).toHaveLength(1);
    const verify = await (await t.anonymous()).get(`/api/public/tickets/${mine.id}`);
    expect(verify.body).toMatchObject({ valid: true, ticketNumber: '2026220100001001', seatNumber: 1 });
    expect(JSON.stringify(verify.body)).not.toMatch(/220100\d{8}/);
  });

  it('the authority cancels an unprinted application; the sign-in sheet exports', async () => {
    const c = candidates[2].client;
    const [mine] = (await c.get('/api/exams/mine')).body;
    expect((await cityX.post(`/api/exam-applications/${mine.id}/cancel`, { reason: '资格复核不通过' })).status).toBe(200);
    const list = await cityX.get(`/api/exam-sessions/${sessionId}/applicants`);
    expect(list.body.rows.map((r: { statusLabel: string }) => r.statusLabel)).toEqual(['已申请', '已退考', '已取消']);
    expect((await cityX.request('GET', `/api/exam-sessions/${sessionId}/sign-in-sheet`)).headers['content-type']).toContain(
      'spreadsheetml',
    );
    expect((await cityX.post(`/api/exam-sessions/${sessionId}/hold`)).body.error.message).toBe(
      '请先截止申请，考试结束后再标记为已考试',
    );
    expect((await cityX.post(`/api/exam-sessions/${sessionId}/close`)).status).toBe(200);
    expect((await candidates[3].client.post(`/api/exam-sessions/${sessionId}/apply`)).body.error.message).toBe(
      '该考场已截止申请',
    );
  });
});

describe('seat allocation under concurrency', () => {
  it('200 simultaneous applications for 20 seats at two server processes: exactly 20 seats, 180 clear refusals', async () => {
    const second = await createTestApp({ testDb: t.testDb, now: () => clock });
    try {
      const created = await cityX.post('/api/exam-sessions', { ...sessionBody(20), name: '抢座测试考场' });
      await cityX.post(`/api/exam-sessions/${created.body.id}/publish`);
      const crowd = await studiedCandidates(t, 200, { hours: 30 });
      const results = await Promise.all(
        crowd.map(async ({ client }, i) => {
          if (i % 2) Object.assign(client, { app: second.app });
          return client.post(`/api/exam-sessions/${created.body.id}/apply`);
        }),
      );
      const accepted = results.filter((r) => r.status === 200);
      const refused = results.filter((r) => r.status === 409);
      expect(accepted).toHaveLength(20);
      expect(refused).toHaveLength(180);
      expect(new Set(refused.map((r) => r.body.error.message))).toEqual(new Set(['该考场座位已满，请选择其他考场']));
      expect(new Set(accepted.map((r) => r.body.seatNumber)).size).toBe(20);
      const [{ taken }] = await t.deps.db
        .select({ taken: count() })
        .from(examSeats)
        .where(and(eq(examSeats.sessionId, created.body.id), isNotNull(examSeats.applicationId)));
      expect(taken).toBe(20);
    } finally {
      await second.close();
    }
  });
});
