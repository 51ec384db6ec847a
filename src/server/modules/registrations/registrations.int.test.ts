import { count, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exe, jpeg, pdf, png } from '../../../../test/fixtures.js';
import { createTestApp, type Client, type TestApp } from '../../../../test/harness.js';
import { auditEvents, enterprises, files, notifications, registrations } from '../../db/schema/index.js';
import { DEMO_CANDIDATE } from '../bootstrap/demo-data.js';
import { idNumberCheckChar } from '../../../shared/domain/id-number.js';

let t: TestApp;
let candidate: Client;
let entA: Client;
let entB: Client;
let cityX: Client;
let cityY: Client;
let entAId: string;
let entBId: string;

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-11-25T04:00:00Z') });
  [candidate, entA, entB, cityX, cityY] = await Promise.all([
    t.login(DEMO_CANDIDATE.idNumber),
    t.login('demo-ent-a'),
    t.login('demo-ent-b'),
    t.login('demo-city-cc'),
    t.login('demo-city-jl'),
  ]);
  const ents = await t.deps.db.select().from(enterprises);
  entAId = ents.find((e) => e.jurisdictionCode === '220100')!.id;
  entBId = ents.find((e) => e.jurisdictionCode === '220200')!.id;
});
afterAll(async () => t?.close());

async function uploads(c: Client) {
  const photo = await c.upload('photo', await jpeg());
  const diploma = await c.upload('diploma', pdf(), 'diploma.pdf');
  expect(photo.status).toBe(200);
  expect(diploma.status).toBe(200);
  return { photoFileId: photo.body.id as string, diplomaFileId: diploma.body.id as string };
}

async function newCandidate(first17: string, phone: string): Promise<Client> {
  const idNumber = first17 + idNumberCheckChar(first17);
  const anon = await t.anonymous();
  const res = await anon.post('/api/auth/register', { name: '赵强', idNumber, phone, password: 'Zhao#2026' });
  expect(res.status).toBe(200);
  return t.login(idNumber, 'Zhao#2026');
}

const fileCount = async () => (await t.deps.db.select({ n: count() }).from(files))[0].n;

describe('uploads', () => {
  it('re-encodes the photo to a 358×441 JPEG and serves it to its owner', async () => {
    const res = await candidate.upload('photo', await png(600, 900), 'me.png');
    expect(res.status).toBe(200);
    expect(res.body.mimeType).toBe('image/jpeg');
    const raw = await t.app.inject({
      method: 'GET',
      url: `/api/files/${res.body.id}`,
      headers: { cookie: `agt_sid=${candidate.cookies.agt_sid}` },
    });
    expect(raw.statusCode).toBe(200);
    const m = await sharp(raw.rawPayload).metadata();
    expect([m.format, m.width, m.height]).toEqual(['jpeg', 358, 441]);
  });

  it.each([
    [
      'a renamed .exe',
      'diploma',
      exe(),
      'diploma.pdf',
      '毕业证：只能上传 PDF、JPG 或 PNG 文件（按文件内容识别，修改扩展名无效）',
    ],
    ['a PDF as photo', 'photo', pdf(), 'photo.jpg', '一寸照片：照片须为 JPG 或 PNG 图片'],
    ['a truncated PDF', 'medical', pdf().subarray(0, 40), 'medical.pdf', '体检表：PDF 文件不完整或已损坏，请重新导出后上传'],
    ['an empty file', 'diploma', Buffer.alloc(0), 'x.jpg', '毕业证：文件为空'],
  ])('refuses %s with a clear message and keeps nothing', async (_label, kind, data, name, message) => {
    const before = await fileCount();
    const res = await candidate.upload(kind, data, name);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(message);
    expect(await fileCount()).toBe(before);
  });

  it('refuses a truncated image', async () => {
    const full = await jpeg(800, 800);
    const res = await candidate.upload('diploma', full.subarray(0, Math.floor(full.length / 2)));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('毕业证：图片文件已损坏或不完整，请重新拍摄或扫描后上传');
  });

  it('refuses a file over 10 MB', async () => {
    const big = Buffer.concat([pdf(), Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)]);
    const res = await candidate.upload('diploma', big, 'big.pdf');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/不能超过10MB/);
  });

  it('only candidates upload', async () => {
    expect((await cityX.upload('photo', await jpeg())).status).toBe(403);
  });
});

describe('三类人员 registration: submit → employer confirms → authority approves → locked', () => {
  let id: string;
  let fileIds: { photoFileId: string; diplomaFileId: string };

  it('saves a draft and refuses a submission that breaks the rules, naming every field', async () => {
    fileIds = await uploads(candidate);
    const saved = await candidate.post('/api/registrations', {
      category: 'C2',
      jurisdictionCode: '220100',
      enterpriseId: entAId,
      education: 'college',
      title: 'none',
      job: '安全员',
      experienceYears: 1,
      ...fileIds,
    });
    expect(saved.status).toBe(200);
    id = saved.body.id;
    const refused = await candidate.post(`/api/registrations/${id}/submit`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      { field: 'experienceYears', message: '施工管理工作年限：须从事施工管理工作2年以上' },
    ]);
    const [row] = await t.deps.db.select().from(registrations).where(eq(registrations.id, id));
    expect(row.status).toBe('draft');
  });

  it('the employer and the authority do not see drafts', async () => {
    expect((await entA.get(`/api/registrations/${id}`)).status).toBe(404);
    expect((await cityX.get('/api/review/registrations')).body.total).toBe(0);
  });

  it('refuses a second registration in the same category', async () => {
    const dup = await candidate.post('/api/registrations', { category: 'C2', jurisdictionCode: '220100' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toBe('报考类别：您已有该类别（工种）的报名，不能重复报名');
  });

  it('submits, and the named employer is told', async () => {
    const put = await candidate.put(`/api/registrations/${id}`, {
      category: 'C2',
      jurisdictionCode: '220100',
      enterpriseId: entAId,
      education: 'college',
      title: 'none',
      job: '安全员',
      experienceYears: 5,
      ...fileIds,
    });
    expect(put.status).toBe(200);
    const sub = await candidate.post(`/api/registrations/${id}/submit`);
    expect(sub.body).toEqual({ status: 'awaiting_employer' });
    const again = await candidate.post(`/api/registrations/${id}/submit`);
    expect(again.status).toBe(409);
    const notes = await entA.get('/api/notifications');
    expect(notes.body.rows[0].title).toBe('有新的报名待确认');
  });

  it('another enterprise cannot see or confirm it; the named one must attest both conditions', async () => {
    expect((await entB.get('/api/employer/registrations')).body.total).toBe(0);
    expect(
      (await entB.post(`/api/employer/registrations/${id}/confirm`, { labourRelation: true, annualTraining: true })).status,
    ).toBe(404);
    expect((await entB.request('GET', `/api/files/${fileIds.diplomaFileId}`)).status).toBe(404);
    const half = await entA.post(`/api/employer/registrations/${id}/confirm`, { labourRelation: true, annualTraining: false });
    expect(half.body.error).toMatchObject({
      field: 'annualTraining',
      message: '年度安全培训：请确认该人员已经本企业年度安全生产教育培训合格',
    });
    const queue = await entA.get('/api/employer/registrations?status=awaiting_employer');
    expect(queue.body.rows.map((r: { id: string }) => r.id)).toEqual([id]);
    expect(queue.body.rows[0].person.maskedIdNumber).toBe('220102********1235');
    expect(queue.body.rows[0].policies).toEqual({ employerConfirm: { allowed: true }, employerReject: { allowed: true } });
    expect((await entA.request('GET', `/api/files/${fileIds.diplomaFileId}`)).status).toBe(200);
    expect(
      (await entA.post(`/api/employer/registrations/${id}/confirm`, { labourRelation: true, annualTraining: true })).status,
    ).toBe(200);
    expect(
      (await entA.post(`/api/employer/registrations/${id}/confirm`, { labourRelation: true, annualTraining: true })).status,
    ).toBe(409);
  });

  it('the other city neither sees nor reviews it', async () => {
    expect((await cityY.get('/api/review/registrations')).body.total).toBe(0);
    expect((await cityY.get(`/api/registrations/${id}`)).status).toBe(404);
    expect((await cityY.post(`/api/review/registrations/${id}/approve`)).status).toBe(404);
    expect((await cityY.post(`/api/review/registrations/${id}/reveal-id-number`)).status).toBe(404);
    expect((await cityY.request('GET', `/api/files/${fileIds.photoFileId}`)).status).toBe(404);
  });

  it('the authority finds it by filters and exact ID number, returns it, and the candidate resubmits', async () => {
    const byId = await cityX.get(`/api/review/registrations?idNumber=${DEMO_CANDIDATE.idNumber}`);
    expect(byId.body.rows.map((r: { id: string }) => r.id)).toEqual([id]);
    expect(byId.body.rows[0].policies).toEqual({
      approve: { allowed: true },
      return: { allowed: true },
      delete: { allowed: true },
    });
    // The province reads the same queue and decides nothing in it.
    expect((await (await t.login('demo-province')).get(`/api/registrations/${id}`)).body.policies).toEqual({});
    expect(JSON.stringify(byId.body)).not.toContain(DEMO_CANDIDATE.idNumber);
    expect((await cityX.get('/api/review/registrations?idNumber=220102199003071234')).body.total).toBe(0);
    expect((await cityX.get('/api/review/registrations?status=awaiting_authority&category=C2&name=张')).body.total).toBe(1);
    expect((await cityX.get('/api/review/registrations?category=C1')).body.total).toBe(0);
    const noReason = await cityX.post(`/api/review/registrations/${id}/return`, { reason: '' });
    expect(noReason.body.error.message).toBe('原因：请填写退回原因');
    expect((await cityX.post(`/api/review/registrations/${id}/return`, { reason: '毕业证不清晰' })).status).toBe(200);
    const mine = await candidate.get('/api/registrations/mine');
    expect(mine.body[0]).toMatchObject({ status: 'returned', returnReason: '毕业证不清晰' });
    expect((await candidate.post(`/api/registrations/${id}/submit`)).body.status).toBe('awaiting_employer');
    await entA.post(`/api/employer/registrations/${id}/confirm`, { labourRelation: true, annualTraining: true });
  });

  it('the authority reveals the full ID number, audited', async () => {
    const res = await cityX.post(`/api/review/registrations/${id}/reveal-id-number`);
    expect(res.body.idNumber).toBe(DEMO_CANDIDATE.idNumber);
    const events = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'pii.revealed'));
    expect(events.at(-1)).toMatchObject({ actorName: 'demo-city-cc', outcome: 'success' });
  });

  it('approves; afterwards nothing can be edited or withdrawn and the candidate is told', async () => {
    expect((await cityX.post(`/api/review/registrations/${id}/approve`)).status).toBe(200);
    expect((await cityX.post(`/api/review/registrations/${id}/approve`)).body.error.message).toBe(
      '只有待主管部门审核的报名可以审核通过',
    );
    const edit = await candidate.put(`/api/registrations/${id}`, { category: 'C1', jurisdictionCode: '220100' });
    expect(edit.status).toBe(409);
    expect(edit.body.error.message).toBe('报名已提交，如需修改请先撤回；审核通过后不能修改');
    expect((await candidate.post(`/api/registrations/${id}/withdraw`)).status).toBe(409);
    const [row] = await t.deps.db.select().from(registrations).where(eq(registrations.id, id));
    expect(row.category).toBe('C2');
    const notes = await t.deps.db.select().from(notifications);
    expect(notes.some((n) => n.title === '报名审核通过')).toBe(true);
    expect(notes.some((n) => n.title === '报名被退回')).toBe(true);
  });

  it('a wrong employer after approval is fixed through a 单位变更申请 the authority reviews', async () => {
    const early = await candidate.post(`/api/registrations/${id}/employer-change`, { toEnterpriseId: entAId, reason: '调动' });
    expect(early.body.error.message).toBe('新工作单位：新单位与现单位相同');
    const req = await candidate.post(`/api/registrations/${id}/employer-change`, {
      toEnterpriseId: entBId,
      reason: '已调入吉林市城建',
    });
    expect(req.status).toBe(200);
    expect(
      (await candidate.post(`/api/registrations/${id}/employer-change`, { toEnterpriseId: entBId, reason: '再次' })).status,
    ).toBe(409);
    expect((await cityY.get('/api/review/employer-changes')).body.rows).toEqual([]);
    const list = await cityX.get('/api/review/employer-changes?status=pending');
    expect(list.body.rows[0]).toMatchObject({ toEnterpriseName: '吉林市城建工程有限公司', personName: '张伟' });
    expect((await cityY.post(`/api/review/employer-changes/${req.body.id}/decide`, { approve: true })).status).toBe(404);
    expect((await cityX.post(`/api/review/employer-changes/${req.body.id}/decide`, { approve: true })).status).toBe(200);
    const [row] = await t.deps.db.select().from(registrations).where(eq(registrations.id, id));
    expect(row.enterpriseId).toBe(entBId);
  });
});

describe('特种作业 registration and authority batch actions', () => {
  it('goes straight to the authority; batch approval answers per row; soft deletion needs a reason', async () => {
    const other = await newCandidate('22010219950601123', '13900000011');
    const { photoFileId } = await uploads(other);
    const medical = await other.upload('medical', await jpeg());
    const body = {
      category: '01',
      jurisdictionCode: '220100',
      education: 'junior',
      title: 'none',
      medicalExamDate: '2026-10-01',
      photoFileId,
      medicalFileId: medical.body.id,
    };
    // Files of another person cannot be attached.
    const stolen = await candidate.post('/api/registrations', { ...body, category: '04' });
    expect(stolen.body.error).toMatchObject({ field: 'photoFileId' });
    const old = await other.post('/api/registrations', { ...body, medicalExamDate: '2026-08-01' });
    const oldSubmit = await other.post(`/api/registrations/${old.body.id}/submit`);
    expect(oldSubmit.body.error.message).toBe('体检日期：体检须在报名前3个月内（2026-08-25 之后）');
    await other.put(`/api/registrations/${old.body.id}`, body);
    expect((await other.post(`/api/registrations/${old.body.id}/submit`)).body.status).toBe('awaiting_authority');

    const third = await newCandidate('22010219880808123', '13900000012');
    const files3 = await uploads(third);
    const med3 = await third.upload('medical', pdf(), 'm.pdf');
    const r3 = await third.post('/api/registrations', {
      ...body,
      ...files3,
      medicalFileId: med3.body.id,
      jurisdictionCode: '220200',
    });
    await third.post(`/api/registrations/${r3.body.id}/submit`);

    const batch = await cityX.post('/api/review/registrations/batch-approve', { ids: [old.body.id, r3.body.id, old.body.id] });
    expect(batch.body.results).toEqual([
      { id: old.body.id, ok: true, message: '审核通过' },
      { id: r3.body.id, ok: false, message: '报名不存在或无权访问' },
    ]);

    const noReason = await cityY.post(`/api/review/registrations/${r3.body.id}/delete`, { reason: '重复' });
    expect(noReason.body.error.message).toBe('原因：删除学员报名须填写具体原因（至少4个字）');
    expect((await cityY.post(`/api/review/registrations/${r3.body.id}/delete`, { reason: '考生本人申请取消报名' })).status).toBe(
      200,
    );
    expect((await cityY.get('/api/review/registrations')).body.total).toBe(0);
    const [kept] = await t.deps.db.select().from(registrations).where(eq(registrations.id, r3.body.id));
    expect(kept.deleteReason).toBe('考生本人申请取消报名');
    const [audit] = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'registration.deleted'));
    expect(audit.detail).toMatchObject({ reason: '考生本人申请取消报名' });
    // The same person may register again for that work type.
    expect(
      (await third.post('/api/registrations', { ...body, ...files3, medicalFileId: med3.body.id, jurisdictionCode: '220200' }))
        .status,
    ).toBe(200);
  });

  it('the province sees every city; exports to Excel', async () => {
    const province = await t.login('demo-province');
    expect((await province.get('/api/review/registrations')).body.total).toBeGreaterThanOrEqual(2);
    expect((await cityX.request('GET', '/api/review/registrations/export')).headers['content-type']).toContain('spreadsheetml');
  });
});
