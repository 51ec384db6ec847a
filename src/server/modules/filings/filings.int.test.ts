import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../../shared/domain/id-number.js';
import { exe, pdf } from '../../../../test/fixtures.js';
import { scoredSession } from '../../../../test/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../test/harness.js';
import { auditEvents, certificateEvents, certificates } from '../../db/schema/index.js';
import { FILING_HEADERS } from './import-filings.js';

let t: TestApp;
let ent: Client;
let city: Client;
let cityJl: Client;
const NOW = new Date('2026-11-25T02:00:00Z');
const idOf = (first17: string) => first17 + idNumberCheckChar(first17);

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  ent = await t.login('demo-ent-a');
  city = await t.login('demo-city-cc');
  cityJl = await t.login('demo-city-jl');
});
afterAll(async () => t?.close());

const form = (over: Record<string, unknown> = {}) => ({
  name: '陈建国',
  idNumber: idOf('22010219750304451'),
  category: 'C2',
  number: '吉建安C2（2024）0000123',
  issuedOn: '2024-03-01',
  expiresOn: '2027-02-28',
  ...over,
});

describe('原持证人员信息备案 by form', () => {
  let scanFileId: string;
  let filingId: string;

  it('needs a certificate scan uploaded by the enterprise (and only a real file)', async () => {
    expect((await ent.upload('certificate', exe(), 'x.pdf')).body.error.message).toContain('证书扫描件');
    expect((await ent.upload('photo', pdf())).status).toBe(403);
    scanFileId = (await ent.upload('certificate', pdf('certificate scan'), 'scan.pdf')).body.id;
    expect((await ent.post('/api/filings', form())).status).toBe(400); // no scanFileId
  });

  it('names the field of every bad input', async () => {
    const bad = async (over: Record<string, unknown>) =>
      (await ent.post('/api/filings', form({ scanFileId, ...over }))).body.error;
    expect(await bad({ idNumber: '220102197503044510' })).toMatchObject({ field: 'idNumber' });
    expect(await bad({ number: '吉建安C2-2024-123' })).toMatchObject({
      field: 'number',
      message: '证书编号：证书编号格式不正确，应如 吉建安C2（2026）0000001 或 吉A012026000001',
    });
    expect(await bad({ number: '吉建安C1（2024）0000123' })).toMatchObject({
      field: 'number',
      message: '证书编号：证书编号中的类别与所填类别不符',
    });
    expect(await bad({ expiresOn: '2024-02-01' })).toMatchObject({
      field: 'expiresOn',
      message: '有效期至：有效期至不能早于发证日期',
    });
    expect(await bad({ issuedOn: '2027-01-01', number: '吉建安C2（2027）0000123', expiresOn: '2030-01-01' })).toMatchObject({
      field: 'issuedOn',
    });
    expect(await bad({ issuedOn: '2024-02-30' })).toMatchObject({ field: 'issuedOn' });
  });

  it('files one certificate; the same number cannot be filed twice', async () => {
    const res = await ent.post('/api/filings', form({ scanFileId }));
    expect(res.status).toBe(200);
    filingId = res.body.id;
    expect((await ent.post('/api/filings', form({ scanFileId }))).body.error.message).toBe(
      '证书编号：该证书编号已提交备案，正在审核或已通过',
    );
    const list = await city.get('/api/filings?status=pending');
    expect(list.body.rows).toEqual([
      expect.objectContaining({
        id: filingId,
        name: '陈建国',
        statusLabel: '待核验',
        number: '吉建安C2（2024）0000123',
        maskedIdNumber: expect.stringContaining('********'),
      }),
    ]);
    // The scan is visible to the city of the enterprise's jurisdiction, not to another city or enterprise.
    expect((await city.request('GET', `/api/files/${scanFileId}`)).status).toBe(200);
    expect((await cityJl.request('GET', `/api/files/${scanFileId}`)).status).toBe(404);
    expect((await (await t.login('demo-ent-b')).request('GET', `/api/files/${scanFileId}`)).status).toBe(404);
  });

  it('another city cannot decide it; the city of the enterprise approves it into a certificate with its own number', async () => {
    expect((await cityJl.post(`/api/filings/${filingId}/approve`)).status).toBe(404);
    const res = await city.post(`/api/filings/${filingId}/approve`);
    expect(res.status).toBe(200);
    expect((await city.post(`/api/filings/${filingId}/approve`)).body.error.message).toBe('该备案已核验通过');
    const [c] = await t.deps.db.select().from(certificates).where(eq(certificates.id, res.body.certificateId));
    expect(c).toMatchObject({
      number: '吉建安C2（2024）0000123',
      source: 'filing',
      status: 'valid',
      issuedOn: '2024-03-01',
      expiresOn: '2027-02-28',
    });
    const events = await t.deps.db.select().from(certificateEvents).where(eq(certificateEvents.certificateId, c.id));
    expect(events.map((e) => e.kind)).toEqual(['filed']);
    // Now it is a certificate like any other: the enterprise lists it, the public finds it.
    expect((await ent.get('/api/certificates')).body.rows.map((r: { number: string }) => r.number)).toContain(
      '吉建安C2（2024）0000123',
    );
    expect(
      (
        await new Client(t.app, '192.0.2.7').get(
          `/api/public/certificates?number=${encodeURIComponent('吉建安C2（2024）0000123')}`,
        )
      ).body.rows[0].statusLabel,
    ).toBe('有效');
    expect((await ent.post('/api/filings', form({ scanFileId }))).body.error.message).toBe(
      '证书编号：该证书编号已存在于系统中，不能重复备案',
    );
  });

  it('a filing of this year moves the number counter past it, so an issue never repeats it', async () => {
    const scan = (await ent.upload('certificate', pdf('scan 2'), 'scan.pdf')).body.id;
    const filed = await ent.post(
      '/api/filings',
      form({
        name: '吴磊',
        idNumber: idOf('22010219820511331'),
        number: '吉建安C2（2026）0000002',
        issuedOn: '2026-01-10',
        expiresOn: '2029-01-09',
        scanFileId: scan,
      }),
    );
    await city.post(`/api/filings/${filed.body.id}/approve`);
    const s = await scoredSession(t, [80]);
    const list = await city.post('/api/qualified-lists', {
      listTitle: '备案之后发证',
      applicationIds: [s.applications[0].applicationId],
    });
    const province = await t.login('demo-province');
    expect((await province.post(`/api/qualified-lists/${list.body.id}/confirm`)).status).toBe(200);
    const [issued] = await t.deps.db.select().from(certificates).where(eq(certificates.listId, list.body.id));
    expect(issued.number).toBe('吉建安C2（2026）0000003');
  });

  it('a returned filing tells the reason and may be filed again', async () => {
    const scan = (await ent.upload('certificate', pdf('scan 3'), 'scan.pdf')).body.id;
    const filed = await ent.post(
      '/api/filings',
      form({
        name: '郑伟',
        idNumber: idOf('22010219790812431'),
        category: '01',
        number: '吉A012024000777',
        issuedOn: '2024-06-01',
        expiresOn: '2026-05-31',
        scanFileId: scan,
      }),
    );
    expect((await city.post(`/api/filings/${filed.body.id}/return`, { reason: '' })).body.error.field).toBe('reason');
    await city.post(`/api/filings/${filed.body.id}/return`, { reason: '扫描件不清晰' });
    expect((await ent.get('/api/filings?status=returned')).body.rows[0]).toMatchObject({ returnReason: '扫描件不清晰' });
    const again = await ent.post(
      '/api/filings',
      form({
        name: '郑伟',
        idNumber: idOf('22010219790812431'),
        category: '01',
        number: '吉A012024000777',
        issuedOn: '2024-06-01',
        expiresOn: '2026-05-31',
        scanFileId: scan,
      }),
    );
    expect(again.status).toBe(200);
    // Already past its expiry date: it enters as 失效.
    const approved = await city.post(`/api/filings/${again.body.id}/approve`);
    const [c] = await t.deps.db.select().from(certificates).where(eq(certificates.id, approved.body.certificateId));
    expect(c.status).toBe('expired');
  });
});

async function workbook(rows: (string | Date | null)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('备案');
  sheet.addRow([...FILING_HEADERS]);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('原持证人员信息备案 by workbook', () => {
  it('gives a template', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/filings/template',
      headers: { cookie: `agt_sid=${ent.cookies.agt_sid}` },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0].getRow(1).values).toEqual([undefined, ...FILING_HEADERS]);
  });

  it('previews a verdict for every bad row kind and imports nothing while any is wrong; then imports all in one go', async () => {
    const good = [
      '孔明',
      idOf('22010219850101001'),
      'C1',
      '',
      '吉建安C1（2025）0000456',
      new Date(Date.UTC(2025, 3, 1)),
      '2028/3/31',
    ];
    const file = await workbook([
      good,
      ['钱多', '220102198501010012', 'C1', '', '吉建安C1（2025）0000457', '2025-04-01', '2028-03-31'],
      ['孙悟', idOf('22010219850101002'), 'C1', '', '吉建安C1-2025-458', '2025-04-01', '2028-03-31'],
      ['李白', idOf('22010219850101003'), 'C1', '', '吉建安C2（2024）0000123', '2024-03-01', '2027-02-28'],
      ['杜甫', idOf('22010219850101004'), 'C1', '', '吉建安C1（2025）0000456', '2025-04-01', '2028-03-31'],
      ['王维', idOf('22010219850101005'), 'C1', '', '吉建安C1（2025）0000459', '2025-04-01', '2025-03-31'],
      ['白居', idOf('22010219750304451'), 'C1', '', '吉建安C1（2025）0000460', '2025-04-01', '2028-03-31'],
      ['韩愈', idOf('22010219850101006'), '99', '', '吉A992025000001', '2025-04-01', '2027-03-31'],
    ]);
    const preview = await ent.postFile('/api/filings/import/preview', file);
    expect(preview.body.total).toBe(8);
    expect(preview.body.rows.map((r: { row: number; ok: boolean; message: string }) => [r.row, r.ok, r.message])).toEqual([
      [2, true, '可以导入'],
      [3, false, '身份证号校验位错误，请核对'],
      [4, false, '证书编号格式不正确，应如 吉建安C2（2026）0000001 或 吉A012026000001'],
      [5, false, '证书编号中的类别与所填类别不符'],
      [6, false, '与第 2 行的证书编号重复'],
      [7, false, '有效期至不能早于发证日期'],
      [8, false, '姓名与身份证号不一致'],
      [9, false, '工种为“99 其他”时请填写工种名称'],
    ]);
    const refused = await ent.postFile('/api/filings/import/commit', file);
    expect(refused.status).toBe(400);
    const before = (await ent.get('/api/filings')).body.total;
    expect((await ent.get('/api/filings')).body.total).toBe(before);
    const ok = await ent.postFile(
      '/api/filings/import/commit',
      await workbook([
        good,
        ['韩愈', idOf('22010219850101006'), '99', '塔式起重机司索工', '吉A992025000001', '2025-04-01', '2027-03-31'],
      ]),
    );
    expect(ok.body).toMatchObject({ imported: 2 });
    expect((await ent.get('/api/filings')).body.total).toBe(before + 2);
    // The same workbook again: every number is now filed.
    const twice = await ent.postFile('/api/filings/import/preview', await workbook([good]));
    expect(twice.body.rows[0].message).toBe('该证书编号已提交备案，正在审核或已通过');
    expect((await ent.postFile('/api/filings/import/preview', exe())).body.error.message).toBe(
      '备案文件：请上传 Excel（.xlsx）文件，可先下载备案模板',
    );
  });
});

describe('filing checks are no personal-data oracle', () => {
  it('a made-up name beside a known ID number learns only that they do not match, by form and by workbook', async () => {
    const scan = (await ent.upload('certificate', pdf('scan'), 'scan.pdf')).body.id;
    const known = idOf('22010219750304451'); // 陈建国, filed above
    const byForm = await ent.post('/api/filings', form({ scanFileId: scan, name: '随便填', number: '吉建安C2（2024）0000999' }));
    expect(byForm.body.error).toMatchObject({ field: 'name', message: '姓名：姓名与身份证号不一致' });
    const byBook = await ent.postFile(
      '/api/filings/import/preview',
      await workbook([['随便填', known, 'C2', '', '吉建安C2（2024）0000998', '2024-03-01', '2027-02-28']]),
    );
    expect(byBook.body.rows[0].message).toBe('姓名与身份证号不一致');
    expect(JSON.stringify([byForm.body, byBook.body])).not.toContain('陈建国');
    // Both checks are on record with the number masked.
    const audits = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'filing.checked'));
    expect(audits.map((a) => (a.detail as { purpose: string }).purpose)).toEqual(expect.arrayContaining(['form', 'preview']));
    expect(JSON.stringify(audits.map((a) => a.detail))).toContain('220102********');
    expect(JSON.stringify(audits.map((a) => a.detail))).not.toContain(known);
  });

  it('an enterprise checks at most PERSON_LOOKUPS_PER_DAY distinct people a day, counted across filings and 读取原有证人员信息', async () => {
    const entB = await t.login('demo-ent-b');
    const limit = t.deps.config.personLookupsPerDay;
    t.deps.config.personLookupsPerDay = 3;
    try {
      const rows = [1, 2].map((i) => [
        '某人',
        idOf(`2201021990010100${i}`),
        'C2',
        '',
        `吉建安C2（2024）000070${i}`,
        '2024-03-01',
        '2027-02-28',
      ]);
      expect((await entB.postFile('/api/filings/import/preview', await workbook(rows))).status).toBe(200);
      // The same people again cost nothing.
      expect((await entB.postFile('/api/filings/import/preview', await workbook(rows))).status).toBe(200);
      expect((await entB.get(`/api/personnel/lookup?idNumber=${idOf('22010219900101003')}`)).status).toBe(200);
      const over = await entB.get(`/api/personnel/lookup?idNumber=${idOf('22010219900101004')}`);
      expect(over.status).toBe(429);
      expect(over.body.error.message).toMatch(/^本单位今日核对人员信息已达上限（每日 3 人/);
      // A known number beside another name is a new guess, and counts as one.
      const guess = [['另一个名字', rows[0]![1], 'C2', '', '吉建安C2（2024）0000701', '2024-03-01', '2027-02-28']];
      expect((await entB.postFile('/api/filings/import/preview', await workbook(guess))).status).toBe(429);
      // (Enterprise A checked more than 3 people earlier in this file: B's count is its own.)
      expect((await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'personnel.lookup_limited'))).length).toBe(
        2,
      );
    } finally {
      t.deps.config.personLookupsPerDay = limit;
    }
  });
});
