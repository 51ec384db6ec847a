import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
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
    expect(certs.body.rows.map((r: { number: string }) => r.number).sort()).toEqual([`吉A01${year}000001`, `吉建安C2（${year}）0000001`].sort());
    const waiting = await province.get('/api/qualified-lists?status=submitted');
    expect(waiting.body).toHaveLength(1);
    expect((await province.post(`/api/qualified-lists/${waiting.body[0].id}/confirm`)).body).toEqual({ issued: 1 });
    const pdf = await province.get(`/api/certificates/${certs.body.rows[0].id}/pdf`);
    expect(pdf.status).toBe(200);
  });

  it('loads once', async () => {
    expect(await loadDemoDataIfNeeded(t.deps)).toBe(false);
  });
});
