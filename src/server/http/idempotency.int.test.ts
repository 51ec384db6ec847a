import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { examSessions, idempotentRequests } from '../db/schema/index.js';

const clock = new Date('2026-11-25T02:00:00Z');
const iso = (offsetHours: number) => new Date(clock.getTime() + offsetHours * 3_600_000).toISOString();
let t: TestApp;
let city: Client;
const body = (name: string, capacity = 30) => ({
  name,
  address: '长春市南关区人民大街100号',
  room: '301',
  kind: 'theory',
  capacity,
  categories: ['C2'],
  startsAt: iso(72),
  endsAt: iso(74),
  applicationsOpenAt: iso(-1),
  applicationsCloseAt: iso(48),
});
const keyed = (key: string) => ({ headers: { 'idempotency-key': key } });
const sessionsNamed = async (name: string) =>
  (await t.deps.db.select({ n: count() }).from(examSessions).where(eq(examSessions.name, name)))[0]!.n;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  city = await t.login('demo-city-cc');
});
afterAll(async () => t?.close());

describe('Idempotency-Key on creating forms (保存草稿 clicked twice)', () => {
  it('two identical requests sent at once create one 考场; the repeat is told it is in progress or gets the first answer', async () => {
    const name = '双击测试考场（一）';
    const [a, b] = await Promise.all([
      city.post('/api/exam-sessions', body(name), keyed('k-double-click-1')),
      city.post('/api/exam-sessions', body(name), keyed('k-double-click-1')),
    ]);
    expect(await sessionsNamed(name)).toBe(1);
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(200);
    // The second either waited for nothing (409, still in progress) or came after and got the same answer.
    if (statuses[1] === 409)
      expect([a, b].find((r) => r.status === 409)!.body.error.message).toBe('该操作正在处理，请勿重复提交');
    else expect(a.body.id).toBe(b.body.id);
  });

  it('a repeat after success answers the first answer again and creates nothing', async () => {
    const name = '双击测试考场（二）';
    const first = await city.post('/api/exam-sessions', body(name), keyed('k-repeat-2'));
    const again = await city.post('/api/exam-sessions', body(name), keyed('k-repeat-2'));
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await sessionsNamed(name)).toBe(1);
  });

  it('a key used for another body is refused; without a key every request creates', async () => {
    await city.post('/api/exam-sessions', body('双击测试考场（三）'), keyed('k-reused-3'));
    const other = await city.post('/api/exam-sessions', body('另一个考场'), keyed('k-reused-3'));
    expect(other.status).toBe(409);
    expect(other.body.error.message).toBe('同一个请求编号（Idempotency-Key）不能用于不同的内容');
    expect(await sessionsNamed('另一个考场')).toBe(0);
    // …and so is the same key and body sent to another address (another object's route, another query).
    expect((await city.post('/api/exam-sessions?copy=1', body('双击测试考场（三）'), keyed('k-reused-3'))).status).toBe(409);
    await city.post('/api/exam-sessions', body('无编号考场'));
    await city.post('/api/exam-sessions', body('无编号考场'));
    expect(await sessionsNamed('无编号考场')).toBe(2);
  });

  it('a refused request frees its key: the corrected form goes through with the same key', async () => {
    const wrong = await city.post('/api/exam-sessions', { ...body('更正后的考场'), categories: [] }, keyed('k-corrected-4'));
    expect(wrong.status).toBe(400);
    const right = await city.post('/api/exam-sessions', body('更正后的考场'), keyed('k-corrected-4'));
    expect(right.status).toBe(200);
    expect(await sessionsNamed('更正后的考场')).toBe(1);
  });

  it('keys are per account, must look like keys, and a stranger claims none', async () => {
    const other = await t.login('demo-city-jl');
    expect((await other.post('/api/exam-sessions', body('吉林市考场'), keyed('k-repeat-2'))).status).toBe(200);
    expect((await city.post('/api/exam-sessions', body('坏编号'), keyed('短'))).body.error.message).toBe(
      '请求编号（Idempotency-Key）格式错误',
    );
    const ent = await t.login('demo-ent-a');
    expect((await ent.post('/api/exam-sessions', body('企业不能建考场'), keyed('k-stranger-5'))).status).toBe(403);
    const claimed = await t.deps.db
      .select()
      .from(idempotentRequests)
      .where(and(eq(idempotentRequests.key, 'k-stranger-5')));
    expect(claimed).toEqual([]);
  });
});
