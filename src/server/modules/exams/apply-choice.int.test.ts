import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studiedCandidates } from '../../../../test/factories.js';
import { createTestApp, type Client, type TestApp } from '../../../../test/harness.js';
import { examApplications, registrations } from '../../db/schema/index.js';

const clock = new Date('2026-11-25T02:00:00Z');
const iso = (offsetHours: number) => new Date(clock.getTime() + offsetHours * 3_600_000).toISOString();
let t: TestApp;
let city: Client;
const session = async (c: Client, name: string, categories: string[]) => {
  const created = await c.post('/api/exam-sessions', {
    name,
    address: '考点地址',
    room: '101',
    kind: 'theory',
    capacity: 10,
    categories,
    startsAt: iso(72),
    endsAt: iso(74),
    applicationsOpenAt: iso(-1),
    applicationsCloseAt: iso(48),
  });
  await c.post(`/api/exam-sessions/${created.body.id}/publish`);
  return created.body.id as string;
};

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  city = await t.login('demo-city-cc');
});
afterAll(async () => t?.close());

describe('申请考场 with more than one approved registration', () => {
  it('takes the registration that can sit the room (C2 with its hours), not whichever comes first (C1 without)', async () => {
    const [who] = await studiedCandidates(t, 1, { hours: 30, category: 'C2' });
    await t.deps.db.insert(registrations).values({
      personId: who!.personId,
      category: 'C1',
      jurisdictionCode: '220100',
      status: 'approved',
      submittedAt: new Date(),
      approvedAt: new Date(),
    });
    // Rewriting the C2 row puts it behind the C1 row in the table: an unordered "first match" is now C1.
    await t.deps.db.update(registrations).set({ updatedAt: new Date() }).where(eq(registrations.id, who!.registrationId));
    const id = await session(city, '两类考场', ['C1', 'C2']);
    const offered = (await who!.client.get('/api/exams/available')).body.find((s: { id: string }) => s.id === id);
    expect(offered.policies.apply).toEqual({ allowed: true });
    expect((await who!.client.post(`/api/exam-sessions/${id}/apply`)).status).toBe(200);
    const [application] = await t.deps.db
      .select()
      .from(examApplications)
      .where(and(eq(examApplications.sessionId, id), eq(examApplications.personId, who!.personId)));
    expect(application!.category).toBe('C2');
  });

  it("a room matching one registration's city and another's category is not offered", async () => {
    const [who] = await studiedCandidates(t, 1, { hours: 30, category: 'C2', jurisdictionCode: '220100' });
    await t.deps.db.insert(registrations).values({
      personId: who!.personId,
      category: 'C1',
      jurisdictionCode: '220200',
      status: 'approved',
      submittedAt: new Date(),
      approvedAt: new Date(),
    });
    const id = await session(await t.login('demo-city-jl'), '吉林市C2考场', ['C2']);
    expect((await who!.client.get('/api/exams/available')).body.map((s: { id: string }) => s.id)).not.toContain(id);
    expect((await who!.client.post(`/api/exam-sessions/${id}/apply`)).body.error.message).toBe(
      '您在该地区没有本考场适用类别的已审核报名',
    );
  });
});
