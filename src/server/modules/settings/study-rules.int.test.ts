import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { auditEvents } from '../../db/schema/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('学时设置', () => {
  it('the province sets required hours and the daily cap, audited; others may only read', async () => {
    const province = await t.login('demo-province');
    const before = await province.get('/api/settings/study-rules');
    expect(before.body.requiredHours).toMatchObject({ C2: 24, '01': 16 });
    const bad = await province.put('/api/settings/study-rules', { requiredHours: { C2: 0 }, dailyCapHours: 8 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('要求学时：不能少于1学时');
    expect(
      (await province.put('/api/settings/study-rules', { requiredHours: { C2: 32, '05': 40 }, dailyCapHours: 6 })).status,
    ).toBe(200);
    const after = await (await t.login('demo-city-cc')).get('/api/settings/study-rules');
    expect(after.body).toMatchObject({ dailyCapHours: 6, requiredHours: { C2: 32, '05': 40, A: 24 }, continuingHours: 24 });
    // 延期所需继续教育学时 is set the same way.
    expect(
      (await province.put('/api/settings/study-rules', { requiredHours: {}, dailyCapHours: 6, continuingHours: 0 })).body.error
        .field,
    ).toBe('continuingHours');
    await province.put('/api/settings/study-rules', { requiredHours: {}, dailyCapHours: 6, continuingHours: 32 });
    expect((await province.get('/api/settings/study-rules')).body).toMatchObject({
      continuingHours: 32,
      requiredHours: { C2: 32 },
    });
    expect(
      (await (await t.login('demo-city-cc')).put('/api/settings/study-rules', { requiredHours: {}, dailyCapHours: 8 })).status,
    ).toBe(403);
    const [event] = await t.deps.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'settings.study_rules_changed'))
      .orderBy(auditEvents.id);
    expect(event.actorName).toBe('demo-province');
  });
});
