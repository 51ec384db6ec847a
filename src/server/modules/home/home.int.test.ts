import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoredSession, studiedCandidates } from '../../../../test/factories.js';
import { createTestApp, type Client, type TestApp } from '../../../../test/harness.js';
import { accounts, certificates, registrations } from '../../db/schema/index.js';
import { DEMO_CANDIDATE } from '../bootstrap/demo-data.js';
import type { Todo } from './home-todos.js';

const clock = new Date('2026-11-25T02:00:00Z');
let t: TestApp;
let city: Client;
let province: Client;
let ent: Client;

beforeAll(async () => {
  // The demo's queues: registrations waiting for the employer and the authority, a list waiting for the province.
  t = await createTestApp({ now: () => clock, demoRegistrations: true });
  [city, province, ent] = await Promise.all([t.login('demo-city-cc'), t.login('demo-province'), t.login('demo-ent-a')]);
  // A certificate of enterprise A that expires in 30 days.
  const [a] = await t.deps.db.select().from(accounts).where(eq(accounts.username, 'demo-ent-a'));
  const sitting = await scoredSession(t, [90], { enterpriseId: a!.enterpriseId! });
  const list = await city.post('/api/qualified-lists', {
    listTitle: '到期提醒测试',
    applicationIds: [sitting.applications[0]!.applicationId],
  });
  await province.post(`/api/qualified-lists/${list.body.id}/confirm`);
  await t.deps.db.update(certificates).set({ expiresOn: '2026-12-25' }).where(eq(certificates.listId, list.body.id));
});
afterAll(async () => t?.close());

/** How many rows the list behind a to-do shows: the page's API with the same filter. */
async function listed(client: Client, link: string): Promise<number> {
  const body = (await client.get(`/api${link}`)).body;
  return body.total ?? body.rows?.length ?? body.length;
}

describe('home pages are to-do lists', () => {
  it.each([
    ['city', () => city],
    ['province', () => province],
    ['enterprise', () => ent],
  ] as const)('%s: every count equals the list it links to', async (_role, who) => {
    const { todos } = (await who().get('/api/home/todos')).body as { todos: Todo[] };
    expect(todos.length).toBeGreaterThan(0);
    for (const todo of todos.filter((x) => x.link.includes('?')))
      expect([todo.key, await listed(who(), todo.link)]).toEqual([todo.key, todo.count]);
  });

  it("the counts are the caller's: waiting work of the city, the province's lists, the enterprise's people", async () => {
    const count = async (c: Client, key: string) =>
      ((await c.get('/api/home/todos')).body.todos as Todo[]).find((x) => x.key === key)?.count;
    expect(await count(city, 'registrations')).toBe(2);
    expect(await count(await t.login('demo-city-jl'), 'registrations')).toBe(0);
    expect(await count(province, 'qualifiedLists')).toBe(1);
    expect(await count(ent, 'employerConfirmations')).toBe(1);
    expect(await count(ent, 'expiringCertificates')).toBe(1);
    expect(await count(city, 'expiringCertificates')).toBe(1);
    // Withdrawal requests are counted in the city's scope too (none in the demo).
    expect(await count(city, 'withdrawals')).toBe(0);
    // Operators keep their figures and have no business to-dos.
    expect((await (await t.login('demo-sysadmin')).get('/api/home/todos')).body.todos).toEqual([]);
  });
});

describe("the candidate's home follows the manual's flow", () => {
  it('shows the real step and the one next action', async () => {
    const journey = async (c: Client) => (await c.get('/api/home')).body.journey;
    const [fresh] = await studiedCandidates(t, 1, { hours: 0 });
    expect(await journey(fresh!.client)).toMatchObject({
      current: 2,
      status: '已完成 0 学时，需 24 学时',
      next: { label: '继续学习', link: '/study' },
    });
    const [ready] = await studiedCandidates(t, 1, { hours: 30 });
    expect(await journey(ready!.client)).toMatchObject({ current: 3, next: { label: '申请考场', link: '/exams' } });
    expect((await journey(ready!.client)).steps).toEqual([
      '在线报名',
      '主管部门审核',
      '学习、抓拍',
      '申请考场',
      '打印准考证',
      '参加考试',
      '取得证书',
    ]);
    await t.deps.db
      .update(registrations)
      .set({ status: 'awaiting_authority', approvedAt: null })
      .where(eq(registrations.id, fresh!.registrationId));
    expect(await journey(fresh!.client)).toMatchObject({ current: 1, status: '等待主管部门审核', next: null });
    await t.deps.db
      .update(registrations)
      .set({ status: 'returned', returnReason: '毕业证不清晰' })
      .where(eq(registrations.id, fresh!.registrationId));
    expect(await journey(fresh!.client)).toMatchObject({
      current: 0,
      status: '报名被退回：毕业证不清晰',
      next: { label: '修改后重新提交', link: `/registrations/${fresh!.registrationId}/edit` },
    });
    const demo = await journey(await t.login(DEMO_CANDIDATE.idNumber));
    expect(demo).toMatchObject({ current: 0, status: '尚未报名', next: { label: '在线报名', link: '/registrations/new' } });
    expect((await city.get('/api/home')).body.journey).toBeNull();
  });
});
