import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { rowsOf } from '../../db/client.js';
import { beijingDate } from '../certificates/certificate-scope.js';
import { loadDemoDataIfNeeded } from './demo-data.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demoRegistrations: true });
});
afterAll(async () => t?.close());

describe('demo data', () => {
  it('puts candidates in the enterprise and authority queues, with viewable scans', async () => {
    const city = await t.login('demo-city-cc');
    const queue = await city.get('/api/review/registrations?status=awaiting_authority');
    expect(queue.body.rows.map((r: { person: { name: string } }) => r.person.name).sort()).toEqual(['刘强', '李明']);
    const detail = await city.get(`/api/registrations/${queue.body.rows[0].id}`);
    expect((await city.request('GET', `/api/files/${detail.body.photoFileId}`)).status).toBe(200);
    const ent = await t.login('demo-ent-a');
    expect((await ent.get('/api/employer/registrations?status=awaiting_employer')).body.rows[0].person.name).toBe('王丽');
    expect((await (await t.login('demo-city-jl')).get('/api/review/registrations')).body.total).toBe(0);
  });

  it('has certificates issued through the real numbering, a list waiting for the province, and a working QR link', async () => {
    const province = await t.login('demo-province');
    const year = beijingDate(new Date()).slice(0, 4);
    const certs = await province.get('/api/certificates');
    expect(certs.body.rows.map((r: { number: string }) => r.number).sort()).toEqual(
      [`吉A01${year}000001`, `吉建安C2（${year}）0000001`].sort(),
    );
    const waiting = await province.get('/api/qualified-lists?status=submitted');
    expect(waiting.body).toHaveLength(1);
    expect((await province.post(`/api/qualified-lists/${waiting.body[0].id}/confirm`)).body).toEqual({ issued: 1 });
    const pdf = await province.get(`/api/certificates/${certs.body.rows[0].id}/pdf`);
    expect(pdf.status).toBe(200);
  });

  it('walks on: 陈静 studied the plan to its hours (the real accrual) and applies for the open 考场; the certified show their hours', async () => {
    const chen = await t.login('13800000008');
    const [registration] = (await chen.get('/api/registrations/mine')).body;
    const progress = (await chen.get(`/api/registrations/${registration.id}/progress`)).body;
    expect(progress).toMatchObject({ requiredHours: 24, reached: true });
    // Three past days under the daily cap of 8 学时, every credited second backed by a received snapshot.
    const [ledger] = rowsOf<{ days: number; uncovered: number; cap: number }>(
      await t.deps.db.execute(
        sql.raw(
          `SELECT count(DISTINCT (from_at AT TIME ZONE 'Asia/Shanghai')::date)::int AS days, count(*) FILTER (WHERE valid AND capture_id IS NULL)::int AS uncovered,
              max(s)::int AS cap FROM study_ledger l, LATERAL (SELECT sum(seconds) AS s FROM study_ledger x WHERE x.person_id = l.person_id AND x.valid
              AND (x.from_at AT TIME ZONE 'Asia/Shanghai')::date = (l.from_at AT TIME ZONE 'Asia/Shanghai')::date) d
       WHERE l.person_id = (SELECT person_id FROM registrations WHERE id = '${registration.id}')`,
        ),
      ),
    );
    expect(ledger).toEqual({ days: 3, uncovered: 0, cap: 8 * 2700 });
    const home = (await chen.get('/api/home')).body.journey;
    expect(home).toMatchObject({ current: 3, next: { label: '申请考场', link: '/exams' } });
    const [open] = (await chen.get('/api/exams/available')).body;
    expect(open.policies.apply).toEqual({ allowed: true });
    expect((await chen.post(`/api/exam-sessions/${open.id}/apply`)).status).toBe(200);
    // 达到学时人数 is no longer 0, and the certified people show the hours they studied.
    expect(
      (await (await t.login('demo-city-cc')).get('/api/review/hours-reached')).body.rows.find(
        (r: { category: string }) => r.category === 'C2',
      ).reached,
    ).toBeGreaterThanOrEqual(2);
    const zhao = (await (await t.login('demo-ent-a')).get('/api/personnel')).body.find(
      (r: { name: string }) => r.name === '赵刚',
    );
    expect(zhao.hours).toBeGreaterThanOrEqual(24);
  });

  it('loads once', async () => {
    expect(await loadDemoDataIfNeeded(t.deps)).toBe(false);
  });
});
