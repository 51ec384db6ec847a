import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg, pdf } from '../../../../test/fixtures.js';
import { createTestApp, type Client, type TestApp } from '../../../../test/harness.js';
import { enterprises, registrations } from '../../db/schema/index.js';
import { DEMO_CANDIDATE } from '../bootstrap/demo-data.js';

/** The transitions the main journey test does not walk: withdraw, employer rejection, refusals from every state. */
let t: TestApp;
let candidate: Client;
let ent: Client;
let city: Client;
let id: string;

async function status() {
  const [row] = await t.deps.db.select({ status: registrations.status }).from(registrations).where(eq(registrations.id, id));
  return row.status;
}

beforeAll(async () => {
  t = await createTestApp();
  [candidate, ent, city] = await Promise.all([t.login(DEMO_CANDIDATE.idNumber), t.login('demo-ent-a'), t.login('demo-city-cc')]);
  const [entA] = await t.deps.db.select().from(enterprises).where(eq(enterprises.jurisdictionCode, '220100'));
  const photo = await candidate.upload('photo', await jpeg());
  const diploma = await candidate.upload('diploma', pdf(), 'd.pdf');
  const saved = await candidate.post('/api/registrations', {
    category: 'B',
    jurisdictionCode: '220100',
    enterpriseId: entA.id,
    education: 'bachelor',
    title: 'intermediate',
    qualificationNumber: '吉222141512345',
    photoFileId: photo.body.id,
    diplomaFileId: diploma.body.id,
  });
  id = saved.body.id;
});
afterAll(async () => t?.close());

describe('registration transitions', () => {
  it('B without the 注册建造师 scan cannot be submitted', async () => {
    const res = await candidate.post(`/api/registrations/${id}/submit`);
    expect(res.body.error.details).toEqual([
      { field: 'qualificationFileId', message: '注册建造师证：请上传注册执业资格证书扫描件' },
    ]);
    expect(await status()).toBe('draft');
  });

  it('from draft: the employer and the authority can do nothing', async () => {
    const q = await candidate.upload('qualification', await jpeg());
    const body = (await candidate.get(`/api/registrations/${id}`)).body;
    await candidate.put(`/api/registrations/${id}`, { ...pick(body), qualificationFileId: q.body.id });
    expect(
      (await ent.post(`/api/employer/registrations/${id}/confirm`, { labourRelation: true, annualTraining: true })).status,
    ).toBe(404);
    // A draft is the candidate's alone: to everyone else it does not exist.
    expect((await city.post(`/api/review/registrations/${id}/approve`)).status).toBe(404);
    expect((await city.post(`/api/review/registrations/${id}/return`, { reason: '测试退回' })).status).toBe(404);
    expect((await city.post(`/api/review/registrations/${id}/delete`, { reason: '测试删除草稿' })).status).toBe(404);
    expect((await city.get(`/api/registrations/${id}`)).status).toBe(404);
    expect(
      (await city.request('GET', `/api/files/${(await candidate.get(`/api/registrations/${id}`)).body.photoFileId}`)).status,
    ).toBe(404);
    expect((await candidate.post(`/api/registrations/${id}/withdraw`)).status).toBe(409);
  });

  it('awaiting the employer: withdraw brings it back to an editable draft', async () => {
    expect((await candidate.post(`/api/registrations/${id}/submit`)).body.status).toBe('awaiting_employer');
    expect(
      (await candidate.put(`/api/registrations/${id}`, pick((await candidate.get(`/api/registrations/${id}`)).body))).status,
    ).toBe(409);
    expect((await city.post(`/api/review/registrations/${id}/approve`)).status).toBe(409);
    expect((await candidate.post(`/api/registrations/${id}/withdraw`)).status).toBe(200);
    expect(await status()).toBe('draft');
  });

  it('the employer sends it back with a reason; the candidate resubmits', async () => {
    await candidate.post(`/api/registrations/${id}/submit`);
    const noReason = await ent.post(`/api/employer/registrations/${id}/reject`, { reason: '' });
    expect(noReason.body.error.message).toBe('原因：请填写不予确认的原因');
    expect((await ent.post(`/api/employer/registrations/${id}/reject`, { reason: '非本单位职工' })).status).toBe(200);
    expect(await status()).toBe('returned');
    const mine = (await candidate.get('/api/registrations/mine')).body[0];
    expect(mine).toMatchObject({ returnReason: '非本单位职工', returnedByRole: 'enterprise' });
    expect((await ent.post(`/api/employer/registrations/${id}/reject`, { reason: '再次' })).status).toBe(409);
    expect((await candidate.post(`/api/registrations/${id}/submit`)).body.status).toBe('awaiting_employer');
  });

  it('awaiting the authority: the employer can no longer act; withdraw still works and clears the confirmation', async () => {
    await ent.post(`/api/employer/registrations/${id}/confirm`, { labourRelation: true, annualTraining: true });
    expect(await status()).toBe('awaiting_authority');
    expect((await ent.post(`/api/employer/registrations/${id}/reject`, { reason: '反悔' })).status).toBe(409);
    expect((await candidate.post(`/api/registrations/${id}/withdraw`)).status).toBe(200);
    const [row] = await t.deps.db.select().from(registrations).where(eq(registrations.id, id));
    expect([row.status, row.labourRelationConfirmed, row.employerConfirmedAt]).toEqual(['draft', false, null]);
  });

  it('a double click on approve approves once and refuses the second', async () => {
    await candidate.post(`/api/registrations/${id}/submit`);
    await ent.post(`/api/employer/registrations/${id}/confirm`, { labourRelation: true, annualTraining: true });
    const [a, b] = await Promise.all([
      city.post(`/api/review/registrations/${id}/approve`),
      city.post(`/api/review/registrations/${id}/approve`),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(await status()).toBe('approved');
  });
});

function pick(v: Record<string, unknown>) {
  const keys = [
    'category',
    'otherWorkTypeName',
    'jurisdictionCode',
    'enterpriseId',
    'education',
    'title',
    'job',
    'experienceYears',
    'qualificationNumber',
    'medicalExamDate',
    'photoFileId',
    'diplomaFileId',
    'qualificationFileId',
    'medicalFileId',
  ];
  return Object.fromEntries(keys.map((k) => [k, v[k]]));
}
