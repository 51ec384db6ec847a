import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoredSession } from '../../../../test/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../test/harness.js';
import { accounts, certificateEvents, certificates, notifications } from '../../db/schema/index.js';
import { expireCertificates, sendExpiryReminders } from './expiry-jobs.js';

let t: TestApp;
let clock = new Date('2026-11-25T02:00:00Z');
let city: Client;
let province: Client;
let enterpriseA: string;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  city = await t.login('demo-city-cc');
  province = await t.login('demo-province');
  const [a] = await t.deps.db.select().from(accounts).where(eq(accounts.username, 'demo-ent-a'));
  enterpriseA = a.enterpriseId!;
});
afterAll(async () => t?.close());

/** Certificates issued through the real path: scores → list → confirmation. */
async function issue(scores: (number | [number, number])[], category = 'C2') {
  const s = await scoredSession(t, scores, { category, enterpriseId: enterpriseA });
  const list = await city.post('/api/qualified-lists', {
    listTitle: `批次${Math.random()}`,
    applicationIds: s.applications.map((a) => a.applicationId),
  });
  await province.post(`/api/qualified-lists/${list.body.id}/confirm`);
  const issued = await t.deps.db.select().from(certificates).where(eq(certificates.listId, list.body.id));
  expect(issued).toHaveLength(scores.length);
  return issued;
}

describe('暂扣 / 恢复 / 撤销 / 注销', () => {
  let cert: typeof certificates.$inferSelect;
  const visitor = () => new Client(t.app, `198.51.100.${Math.floor(Math.random() * 250)}`);
  const publicState = async () => (await visitor().get(`/api/public/certificates/verify/${cert.verifyToken}`)).body.statusLabel;

  beforeAll(async () => {
    [cert] = await issue([80]);
  });

  it('each action needs a reason, changes the state at once on the public page, and refuses what does not follow', async () => {
    const act = (action: string, reason = '现场检查发现违规作业') =>
      city.post(`/api/certificates/${cert.id}/${action}`, { reason });
    expect((await act('suspend', '')).body.error).toMatchObject({ field: 'reason', message: '原因：请填写暂扣原因' });
    expect((await act('restore')).body.error.message).toBe('只有暂扣中的证书可以恢复（当前状态：有效）');
    expect((await act('suspend')).body).toEqual({ status: 'suspended', statusLabel: '暂扣' });
    expect(await publicState()).toBe('暂扣');
    expect((await act('suspend')).body.error.message).toBe('只有有效的证书可以暂扣（当前状态：暂扣）');
    expect((await act('restore', '整改完成')).body.status).toBe('valid');
    expect(await publicState()).toBe('有效');
    expect((await act('revoke', '以欺骗手段取得证书')).body.status).toBe('revoked');
    expect(await publicState()).toBe('撤销');
    expect((await act('restore')).status).toBe(409);
    expect((await act('suspend')).status).toBe(409);
    expect((await act('cancel')).body.error.message).toBe('该证书已撤销、吊销或注销，不能再注销（当前状态：撤销）');
  });

  it("is the authority's alone, within its jurisdiction", async () => {
    const [other] = await issue([90]);
    expect(
      (await (await t.login('demo-city-jl')).post(`/api/certificates/${other.id}/suspend`, { reason: '测试原因' })).status,
    ).toBe(404);
    expect(
      (await (await t.login('demo-ent-a')).post(`/api/certificates/${other.id}/suspend`, { reason: '测试原因' })).status,
    ).toBe(403);
    expect((await province.post(`/api/certificates/${other.id}/cancel`, { reason: '本人申请注销' })).body.status).toBe(
      'cancelled',
    );
  });

  it('shows the whole history with who, when and why to the holder, the employer and the authority', async () => {
    const detail = await city.get(`/api/certificates/${cert.id}`);
    expect(
      detail.body.events.map((e: { label: string; reason: string | null; actorName: string }) => [e.label, e.reason]),
    ).toEqual([
      ['核发', null],
      ['暂扣', '现场检查发现违规作业'],
      ['恢复', '整改完成'],
      ['撤销', '以欺骗手段取得证书'],
    ]);
    expect(detail.body.events[1].actorName).toBe('长春市住房和城乡建设局');
    expect((await (await t.login('demo-ent-a')).get(`/api/certificates/${cert.id}`)).body.events).toHaveLength(4);
    expect((await (await t.login('demo-ent-b')).get(`/api/certificates/${cert.id}`)).status).toBe(404);
    const holderNotices = await t.deps.db.select().from(notifications).where(eq(notifications.title, '证书已暂扣'));
    expect(holderNotices.length).toBeGreaterThanOrEqual(2); // holder and employer
  });
});

describe('到期失效 and 到期提醒', () => {
  it('reminds 90 and 30 days ahead once each, however often and concurrently the job runs', async () => {
    const issued = await issue(
      [
        [70, 80],
        [71, 90],
      ],
      '05',
    ); // 2 years: expire 2028-11-24
    await issue([75]); // 三类, 3 years: expires 2029-11-24, outside every window below
    const ids = issued.map((c) => c.id);
    const reminders = async () =>
      (await t.deps.db.select().from(notifications).where(eq(notifications.title, '证书即将到期'))).length;
    const before = await reminders();
    clock = new Date('2028-09-01T02:00:00Z'); // 84 days ahead
    await Promise.all([sendExpiryReminders(t.deps), sendExpiryReminders(t.deps)]);
    const afterFirst = await reminders();
    // Two certificates, each to its holder and to enterprise A's account: 4 notices, once.
    expect(afterFirst - before).toBe(4);
    await sendExpiryReminders(t.deps);
    expect(await reminders()).toBe(afterFirst);
    clock = new Date('2028-11-01T02:00:00Z'); // 23 days ahead
    await Promise.all([sendExpiryReminders(t.deps), sendExpiryReminders(t.deps)]);
    expect((await reminders()) - afterFirst).toBe(4);
    expect(
      (await t.deps.db.select().from(certificates).where(inArray(certificates.id, ids))).every((c) => c.status === 'valid'),
    ).toBe(true);
  });

  it('expires certificates past their date exactly once, even when two runs overlap; the public page shows 失效', async () => {
    clock = new Date('2028-11-25T02:00:00Z');
    const results = await Promise.all([expireCertificates(t.deps), expireCertificates(t.deps)]);
    const expired = await t.deps.db.select().from(certificates).where(eq(certificates.status, 'expired'));
    expect(results[0] + results[1]).toBe(expired.length);
    expect(expired.length).toBeGreaterThanOrEqual(2);
    const events = await t.deps.db
      .select()
      .from(certificateEvents)
      .where(
        and(
          eq(certificateEvents.kind, 'expired'),
          inArray(
            certificateEvents.certificateId,
            expired.map((c) => c.id),
          ),
        ),
      );
    expect(events).toHaveLength(expired.length);
    expect(await expireCertificates(t.deps)).toBe(0);
    const res = await new Client(t.app, '198.51.100.250').get(`/api/public/certificates/verify/${expired[0].verifyToken}`);
    expect(res.body.statusLabel).toBe('失效');
    // 三类 certificates (3 years) issued with them are still valid.
    expect(
      (await t.deps.db.select().from(certificates).where(eq(certificates.category, 'C2'))).some((c) => c.status === 'valid'),
    ).toBe(true);
  });
});
