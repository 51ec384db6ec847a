import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { scoredSession } from '../../../../test/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../test/harness.js';
import {
  accounts,
  auditEvents,
  certificateEvents,
  certificates,
  notifications,
  persons,
  publicLookups,
} from '../../db/schema/index.js';

let t: TestApp;
let city: Client;
let cityJl: Client;
let province: Client;
let enterpriseA: string;

const NOW = new Date('2026-11-25T02:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  city = await t.login('demo-city-cc');
  cityJl = await t.login('demo-city-jl');
  province = await t.login('demo-province');
  const [a] = await t.deps.db.select().from(accounts).where(eq(accounts.username, 'demo-ent-a'));
  enterpriseA = a.enterpriseId!;
});
afterAll(async () => t?.close());

const ids = (rows: { applicationId: string }[]) => rows.map((r) => r.applicationId);

describe('合格名单 → 确认成绩名单 → 证书', () => {
  let session: Awaited<ReturnType<typeof scoredSession>>;
  let listId: string;

  it("offers only the passed candidates of the city's held sessions", async () => {
    session = await scoredSession(t, [86, 59.5, 'absent', 60, 75], { enterpriseId: enterpriseA });
    const res = await city.get(`/api/qualified-lists/candidates?sessionIds=${session.sessionId}`);
    expect(res.status).toBe(200);
    expect(res.body.map((r: { ticketNumber: string }) => r.ticketNumber)).toEqual(
      [0, 3, 4].map((i) => session.applications[i].ticketNumber),
    );
    expect(res.body[0]).toMatchObject({
      categoryLabel: 'C2 专职安全生产管理人员（土建）',
      theory: 86,
      enterpriseName: expect.any(String),
    });
    // Another city sees none of them.
    expect((await cityJl.get(`/api/qualified-lists/candidates?sessionIds=${session.sessionId}`)).body).toEqual([]);
  });

  it('submits a list; nobody can be put on two live lists; a failed candidate is refused', async () => {
    const passed = (await city.get(`/api/qualified-lists/candidates?sessionIds=${session.sessionId}`)).body;
    const failed = await city.post('/api/qualified-lists', {
      listTitle: '2026年第1批',
      applicationIds: [session.applications[1].applicationId],
    });
    expect(failed.status).toBe(409);
    expect(failed.body.error.message).toContain('1 名人员不在可上报范围内');
    expect((await city.post('/api/qualified-lists', { listTitle: '', applicationIds: ids(passed) })).body.error).toMatchObject({
      field: 'listTitle',
      message: '名单名称：请填写，至少2个字',
    });
    const res = await city.post('/api/qualified-lists', { listTitle: '2026年第1批', applicationIds: ids(passed) });
    expect(res.status).toBe(200);
    listId = res.body.id;
    expect((await city.post('/api/qualified-lists', { listTitle: '重复提交', applicationIds: ids(passed) })).status).toBe(409);
    expect((await city.get(`/api/qualified-lists/candidates?sessionIds=${session.sessionId}`)).body).toEqual([]);
    const queue = await province.get('/api/qualified-lists?status=submitted');
    expect(queue.body).toEqual([
      expect.objectContaining({ id: listId, jurisdictionName: '长春市', entryCount: 3, status: 'submitted' }),
    ]);
    // The other city neither sees the list nor may decide it.
    expect((await cityJl.get(`/api/qualified-lists/${listId}`)).status).toBe(404);
    expect((await cityJl.get('/api/qualified-lists')).body).toEqual([]);
    expect((await city.post(`/api/qualified-lists/${listId}/confirm`)).status).toBe(403);
  });

  it('the province returns a list with a reason, and its people can be listed again', async () => {
    expect((await province.post(`/api/qualified-lists/${listId}/return`, { reason: '' })).body.error).toMatchObject({
      field: 'reason',
      message: '原因：请填写退回原因',
    });
    expect((await province.post(`/api/qualified-lists/${listId}/return`, { reason: '第3行单位名称有误' })).status).toBe(200);
    expect((await province.post(`/api/qualified-lists/${listId}/confirm`)).body.error.message).toBe('该名单已退回');
    const lists = (await city.get('/api/qualified-lists')).body;
    expect(lists[0]).toMatchObject({ status: 'returned', returnReason: '第3行单位名称有误' });
    const again = (await city.get(`/api/qualified-lists/candidates?sessionIds=${session.sessionId}`)).body;
    expect(again).toHaveLength(3);
    listId = (await city.post('/api/qualified-lists', { listTitle: '2026年第1批（更正）', applicationIds: ids(again) })).body.id;
  });

  it('confirmation issues numbered certificates in the same transaction; a second confirmation is refused', async () => {
    const res = await province.post(`/api/qualified-lists/${listId}/confirm`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ issued: 3 });
    expect((await province.post(`/api/qualified-lists/${listId}/confirm`)).body.error.message).toBe('该名单已确认，证书已核发');
    const issued = await t.deps.db
      .select()
      .from(certificates)
      .where(eq(certificates.listId, listId))
      .orderBy(certificates.number);
    expect(issued.map((c) => c.number)).toEqual([
      '吉建安C2（2026）0000001',
      '吉建安C2（2026）0000002',
      '吉建安C2（2026）0000003',
    ]);
    expect(issued.map((c) => c.applicationId)).toEqual([0, 3, 4].map((i) => session.applications[i].applicationId));
    for (const c of issued) {
      expect(c).toMatchObject({
        status: 'valid',
        source: 'exam',
        issuedOn: '2026-11-25',
        expiresOn: '2029-11-24',
        jurisdictionCode: '220100',
        enterpriseId: enterpriseA,
      });
      expect(c.verifyToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
    expect(new Set(issued.map((c) => c.verifyToken)).size).toBe(3);
    const events = await t.deps.db
      .select()
      .from(certificateEvents)
      .where(
        inArray(
          certificateEvents.certificateId,
          issued.map((c) => c.id),
        ),
      );
    expect(events.map((e) => e.kind)).toEqual(['issued', 'issued', 'issued']);
    const notices = await t.deps.db.select().from(notifications).where(eq(notifications.title, '证书已核发'));
    expect(notices).toHaveLength(3);
    const detail = await city.get(`/api/qualified-lists/${listId}`);
    expect(detail.body.rows.map((r: { certificateNumber: string }) => r.certificateNumber)).toEqual(issued.map((c) => c.number));
    // The holder sees their own certificate; the employer sees its people's.
    const mine = await session.applications[0].client.get('/api/certificates');
    expect(mine.body.rows).toEqual([
      expect.objectContaining({
        number: '吉建安C2（2026）0000001',
        statusLabel: '有效',
        maskedIdNumber: expect.stringContaining('********'),
      }),
    ]);
    expect((await (await t.login('demo-ent-a')).get('/api/certificates')).body.total).toBe(3);
    expect((await (await t.login('demo-ent-b')).get('/api/certificates')).body.total).toBe(0);
  });

  it('numbers special operations by jurisdiction letter and work type, with 2 years of validity', async () => {
    const cc = await scoredSession(
      t,
      [
        [80, 90],
        [70, 60],
        [65, 70],
      ],
      { category: '01' },
    );
    const jl = await scoredSession(t, [[90, 90]], { category: '01', jurisdictionCode: '220200' });
    const ccList = await city.post('/api/qualified-lists', {
      listTitle: '电工第1批',
      applicationIds: ids((await city.get(`/api/qualified-lists/candidates?sessionIds=${cc.sessionId}`)).body),
    });
    const jlList = await cityJl.post('/api/qualified-lists', {
      listTitle: '电工第1批',
      applicationIds: ids((await cityJl.get(`/api/qualified-lists/candidates?sessionIds=${jl.sessionId}`)).body),
    });
    expect(ccList.body.entryCount).toBe(2); // 70 + 60 practical is a fail
    await province.post(`/api/qualified-lists/${ccList.body.id}/confirm`);
    await province.post(`/api/qualified-lists/${jlList.body.id}/confirm`);
    const rows = await t.deps.db
      .select({ number: certificates.number, expiresOn: certificates.expiresOn })
      .from(certificates)
      .where(inArray(certificates.listId, [ccList.body.id, jlList.body.id]))
      .orderBy(certificates.number);
    expect(rows).toEqual([
      { number: '吉A012026000001', expiresOn: '2028-11-24' },
      { number: '吉A012026000002', expiresOn: '2028-11-24' },
      { number: '吉B012026000001', expiresOn: '2028-11-24' },
    ]);
  });

  it('allocates numbers without gaps or duplicates under 50 concurrent confirmations', async () => {
    const lists: string[] = [];
    for (let i = 0; i < 50; i++) {
      const s = await scoredSession(t, [70, 80], { category: 'C1' });
      lists.push(
        (
          await city.post('/api/qualified-lists', {
            listTitle: `并发批次${i}`,
            applicationIds: s.applications.map((a) => a.applicationId),
          })
        ).body.id,
      );
    }
    // Each confirmation from its own signed-in province client, all at once (on PostgreSQL truly in parallel).
    const clients = await Promise.all(lists.map(() => t.login('demo-province')));
    const results = await Promise.all(lists.map((id, i) => clients[i].post(`/api/qualified-lists/${id}/confirm`)));
    expect(results.map((r) => r.status)).toEqual(lists.map(() => 200));
    const numbers = (
      await t.deps.db.select({ number: certificates.number }).from(certificates).where(inArray(certificates.listId, lists))
    )
      .map((r) => r.number)
      .sort();
    expect(numbers).toEqual(Array.from({ length: 100 }, (_, i) => `吉建安C1（2026）${String(i + 1).padStart(7, '0')}`));
  });
});

describe('打印证书', () => {
  let listId: string;
  let certificateId: string;
  let holder: Client;

  beforeAll(async () => {
    const s = await scoredSession(t, [90, 91, 92], { category: 'A', enterpriseId: enterpriseA });
    listId = (
      await city.post('/api/qualified-lists', {
        listTitle: '主要负责人第1批',
        applicationIds: s.applications.map((a) => a.applicationId),
      })
    ).body.id;
    await province.post(`/api/qualified-lists/${listId}/confirm`);
    [{ id: certificateId }] = await t.deps.db
      .select({ id: certificates.id })
      .from(certificates)
      .where(eq(certificates.applicationId, s.applications[0].applicationId));
    holder = s.applications[0].client;
  });

  it('prints one certificate as a PDF with the Chinese font embedded, for those in scope only', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/certificates/${certificateId}/pdf`,
      headers: { cookie: `agt_sid=${holder.cookies.agt_sid}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agt-cert-'));
    fs.writeFileSync(path.join(dir, 'c.pdf'), res.rawPayload);
    const fonts = execFileSync('pdffonts', [path.join(dir, 'c.pdf')]).toString();
    expect(fonts).toMatch(/NotoSansSC.*yes/);
    const text = execFileSync('pdftotext', [path.join(dir, 'c.pdf'), '-']).toString();
    expect(text).toContain('吉建安A（2026）0000001');
    expect(text).toContain('建筑施工企业安全生产管理人员考核合格证书');
    // Signed with the province's electronic seal, over the whole file; one changed byte breaks it.
    const signature = execFileSync('pdfsig', [path.join(dir, 'c.pdf')]).toString();
    expect(signature).toContain('Signature Validation: Signature is Valid.');
    expect(signature).toContain('Total document signed');
    const tampered = Buffer.from(res.rawPayload);
    const box = tampered.indexOf('/MediaBox [0 0 ') + '/MediaBox [0 0 '.length; // the page's width: 841.89…
    tampered[box] = tampered[box] === 0x38 ? 0x39 : 0x38;
    fs.writeFileSync(path.join(dir, 't.pdf'), tampered);
    expect(execFileSync('pdfsig', [path.join(dir, 't.pdf')]).toString()).not.toContain('Signature is Valid.');
    fs.rmSync(dir, { recursive: true });
    expect((await (await t.login('demo-ent-b')).get(`/api/certificates/${certificateId}/pdf`)).status).toBe(404);
    expect((await cityJl.get(`/api/certificates/${certificateId}/pdf`)).status).toBe(404);
    const printed = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'certificate.printed'));
    expect(printed).toHaveLength(1);
  });

  it('prints a whole confirmed list into one PDF in the background, reporting progress', async () => {
    const started = await city.post(`/api/qualified-lists/${listId}/print-jobs`);
    expect(started.body).toMatchObject({ total: 3 });
    let progress = (await city.get(`/api/print-jobs/${started.body.jobId}`)).body;
    for (let i = 0; i < 100 && progress.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      progress = (await city.get(`/api/print-jobs/${started.body.jobId}`)).body;
    }
    expect(progress).toMatchObject({ status: 'done', done: 3, total: 3 });
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/print-jobs/${started.body.jobId}/pdf`,
      headers: { cookie: `agt_sid=${city.cookies.agt_sid}` },
    });
    expect(pdf.statusCode).toBe(200);
    // Three pages, one seal signature over the whole file (the signature's update rewrites page 1, so count with pdfinfo).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agt-batch-'));
    fs.writeFileSync(path.join(dir, 'b.pdf'), pdf.rawPayload);
    expect(execFileSync('pdfinfo', [path.join(dir, 'b.pdf')]).toString()).toMatch(/Pages:\s+3\b/);
    expect(execFileSync('pdfsig', [path.join(dir, 'b.pdf')]).toString()).toContain('Signature is Valid.');
    fs.rmSync(dir, { recursive: true });
    // Only the account that started the job may see it.
    expect((await province.get(`/api/print-jobs/${started.body.jobId}`)).status).toBe(404);
    // A list that is not confirmed cannot be printed.
    const s = await scoredSession(t, [99]);
    const open = (
      await city.post('/api/qualified-lists', { listTitle: '未确认', applicationIds: [s.applications[0].applicationId] })
    ).body.id;
    expect((await city.post(`/api/qualified-lists/${open}/print-jobs`)).body.error.message).toBe('名单确认发证后才能打印证书');
  });
});

describe('诚信平台人员库', () => {
  let cert: typeof certificates.$inferSelect;
  let idNumber: string;
  let name: string;

  beforeAll(async () => {
    [cert] = await t.deps.db.select().from(certificates).where(eq(certificates.number, '吉建安C2（2026）0000001'));
    const [p] = await t.deps.db.select().from(persons).where(eq(persons.id, cert.personId));
    idNumber = t.deps.crypto.decrypt(p.idNumberEnc);
    name = p.name;
  });

  it('finds a certificate by number (half-width parentheses too) or by name with ID number, masked', async () => {
    const visitor = new Client(t.app, '203.0.113.10');
    const byNumber = await visitor.get(`/api/public/certificates?number=${encodeURIComponent('吉建安C2(2026)0000001')}`);
    expect(byNumber.status).toBe(200);
    expect(byNumber.body.rows).toEqual([
      {
        number: '吉建安C2（2026）0000001',
        name,
        maskedIdNumber: `${idNumber.slice(0, 6)}********${idNumber.slice(14)}`,
        categoryLabel: 'C2 专职安全生产管理人员（土建）',
        enterpriseName: expect.any(String),
        issuedOn: '2026-11-25',
        expiresOn: '2029-11-24',
        status: 'valid',
        statusLabel: '有效',
      },
    ]);
    expect(JSON.stringify(byNumber.body)).not.toContain(idNumber);
    const byPerson = await visitor.get(`/api/public/certificates?name=${encodeURIComponent(name)}&idNumber=${idNumber}`);
    expect(byPerson.body.rows.map((r: { number: string }) => r.number)).toEqual(['吉建安C2（2026）0000001']);
    const wrongName = await visitor.get(`/api/public/certificates?name=${encodeURIComponent('别人')}&idNumber=${idNumber}`);
    expect(wrongName.body.rows).toEqual([]);
  });

  it('never searches by name alone, and names the field of a bad ID number', async () => {
    const visitor = new Client(t.app, '203.0.113.11');
    expect((await visitor.get(`/api/public/certificates?name=${encodeURIComponent(name)}`)).body.error).toMatchObject({
      field: 'idNumber',
      message: '身份证号：按姓名查询时请同时输入身份证号',
    });
    expect(
      (await visitor.get(`/api/public/certificates?name=${encodeURIComponent(name)}&idNumber=220102199003071234`)).body.error,
    ).toMatchObject({ field: 'idNumber' });
    expect((await visitor.get('/api/public/certificates')).body.error.field).toBe('number');
  });

  it('verifies by the QR token; an unknown token is not found', async () => {
    const visitor = new Client(t.app, '203.0.113.12');
    const res = await visitor.get(`/api/public/certificates/verify/${cert.verifyToken}`);
    expect(res.body).toMatchObject({ number: cert.number, statusLabel: '有效' });
    expect((await visitor.get(`/api/public/certificates/verify/${'A'.repeat(43)}`)).status).toBe(404);
    expect((await visitor.get('/api/public/certificates/verify/short')).status).toBe(400);
  });

  it('logs every lookup with the address, and limits lookups per address', async () => {
    // The log is written in batches within a quarter of a second.
    await vi.waitFor(
      async () => {
        const logged = await t.deps.db
          .select()
          .from(publicLookups)
          .where(eq(publicLookups.ip, '203.0.113.12'))
          .orderBy(publicLookups.id);
        expect(logged.map((l) => [l.kind, l.found, l.certificateId])).toEqual([
          ['token', true, cert.id],
          ['token', false, null],
        ]);
      },
      { timeout: 3000, interval: 100 },
    );
    const visitor = new Client(t.app, '203.0.113.99');
    const statuses: number[] = [];
    for (let i = 0; i < t.deps.config.publicLookupsPerMinute + 1; i++)
      statuses.push((await visitor.get(`/api/public/certificates/verify/${cert.verifyToken}`)).status);
    expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
    const limited = await visitor.get(`/api/public/certificates/verify/${cert.verifyToken}`);
    expect(limited.status).toBe(429);
    expect(limited.body.error.message).toMatch(/^查询过于频繁，请在 \d+ 秒后再试$/);
    // Another address is not affected.
    expect((await new Client(t.app, '203.0.113.98').get(`/api/public/certificates/verify/${cert.verifyToken}`)).status).toBe(200);
  });

  it("lists an enterprise's certified people", async () => {
    const visitor = new Client(t.app, '203.0.113.13');
    const found = await visitor.get(`/api/public/enterprises?q=${encodeURIComponent('长春')}`);
    const a = found.body.rows.find((r: { id: string }) => r.id === enterpriseA);
    expect(a.certified).toBe(6);
    const roster = await visitor.get(`/api/public/enterprises/${enterpriseA}`);
    expect(roster.body.certificates).toHaveLength(6);
    expect(JSON.stringify(roster.body)).not.toMatch(/\d{17}[\dX]/);
    expect((await visitor.get('/api/public/enterprises?q=a')).body.error.field).toBe('q');
  });
});

describe('电子证照数据导出', () => {
  it('exports the national fields, audited, to authorities only', async () => {
    const res = await province.get('/api/certificates/national-export?category=C2');
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(3);
    const c = res.body.certificates[0];
    expect(Object.keys(c)).toEqual(
      expect.arrayContaining([
        'eCertID',
        'certNum',
        'categoryCode',
        'name',
        'gender',
        'birthDate',
        'identityCard',
        'companyName',
        'creditCode',
        'issuedDate',
        'effectiveDate',
        'expiringDate',
        'certState',
      ]),
    );
    expect(c).toMatchObject({
      certNum: '吉建安C2（2026）0000001',
      categoryCode: 'C2',
      certState: '01',
      issuedDate: '2026-11-25',
      expiringDate: '2029-11-24',
    });
    expect(c.identityCard).toMatch(/^\d{17}[\dX]$/);
    expect((await cityJl.get('/api/certificates/national-export?category=C2')).body.count).toBe(0);
    expect((await (await t.login('demo-ent-a')).get('/api/certificates/national-export')).status).toBe(403);
    expect(await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'certificate.exported'))).toHaveLength(2);
  });
});

describe('合格分数线', () => {
  it('the province changes the pass marks, audited, and results follow at once', async () => {
    const s = await scoredSession(t, [65, 75]);
    const offered = async () => (await city.get(`/api/qualified-lists/candidates?sessionIds=${s.sessionId}`)).body.length;
    expect(await offered()).toBe(2);
    expect((await city.put('/api/settings/pass-marks', { safety: 70, theory: 60, practical: 70 })).status).toBe(403);
    expect((await province.put('/api/settings/pass-marks', { safety: 0, theory: 60, practical: 70 })).body.error).toMatchObject({
      field: 'safety',
    });
    expect((await province.put('/api/settings/pass-marks', { safety: 70, theory: 60, practical: 70 })).body).toEqual({
      safety: 70,
      theory: 60,
      practical: 70,
    });
    expect(await offered()).toBe(1);
    expect(await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'settings.pass_marks_changed'))).toHaveLength(
      1,
    );
    await province.put('/api/settings/pass-marks', { safety: 60, theory: 60, practical: 70 });
    expect(await offered()).toBe(2);
  });
});

describe('成绩查询 (enterprise)', () => {
  it('shows an enterprise the results of its own people only, filtered and exported', async () => {
    const a = await t.login('demo-ent-a');
    const all = (await a.get('/api/employer/exam-results')).body;
    expect(all.length).toBe(8);
    const failed = (await a.get('/api/employer/exam-results?outcome=failed')).body;
    expect(failed.map((r: { label: string }) => r.label).sort()).toEqual(['不合格', '缺考']);
    expect((await a.get('/api/employer/exam-results?category=A')).body).toHaveLength(3);
    expect((await (await t.login('demo-ent-b')).get('/api/employer/exam-results')).body).toEqual([]);
    const excel = await a.get('/api/employer/exam-results/export');
    expect(excel.headers['content-type']).toContain('spreadsheetml');
    expect((await city.get('/api/employer/exam-results')).status).toBe(403);
  });
});
