import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../shared/domain/id-number.js';
import { studiedCandidates } from '../../../test/factories.js';
import { createTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { FILING_HEADERS } from '../modules/filings/import-filings.js';

/**
 * The imports read what real office software writes. Each workbook is written by
 * ExcelJS, then saved again by LibreOffice (which stores every cell mixing
 * Chinese and Latin characters as rich-text runs, dates as numbers under a date
 * style, formulas with cached values): both must give the same rows and verdicts.
 * soffice is installed by scripts/test.sh; a machine without it fails here, loudly.
 */
let t: TestApp;
let ent: Client;
let city: Client;
let sessionId: string;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'agt-office-'));
/** A fixed clock: the verdicts on certificate dates must not change with the day the test runs. */
const NOW = new Date('2026-02-25T02:00:00Z');
const idOf = (first17: string) => first17 + idNumberCheckChar(first17);

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  [ent, city] = await Promise.all([t.login('demo-ent-a'), t.login('demo-city-cc')]);
  const soon = (h: number) => new Date(NOW.getTime() + h * 3_600_000).toISOString();
  sessionId = (
    await city.post('/api/exam-sessions', {
      name: '建筑电工实操考场',
      address: '长春市南关区人民大街100号',
      room: '实训楼1',
      kind: 'practical',
      capacity: 5,
      categories: ['01'],
      startsAt: soon(72),
      endsAt: soon(74),
      applicationsOpenAt: soon(-1),
      applicationsCloseAt: soon(48),
    })
  ).body.id;
  await city.post(`/api/exam-sessions/${sessionId}/publish`);
  for (const c of await studiedCandidates(t, 3, { category: '01', hours: 20 }))
    expect((await c.client.post(`/api/exam-sessions/${sessionId}/apply`)).status).toBe(200);
  expect((await city.post(`/api/exam-sessions/${sessionId}/close`)).status).toBe(200);
}, 180_000);
afterAll(async () => {
  fs.rmSync(work, { recursive: true, force: true });
  await t?.close();
});

/** The workbook as LibreOffice saves it again, with a private profile so parallel runs never share one. */
async function throughLibreOffice(name: string, file: Buffer): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(work, 'lo-'));
  fs.mkdirSync(path.join(dir, 'out'));
  fs.writeFileSync(path.join(dir, name), file);
  await promisify(execFile)(
    'soffice',
    [
      `-env:UserInstallation=file://${dir}/profile`,
      '--headless',
      '--convert-to',
      'xlsx:Calc MS Excel 2007 XML',
      '--outdir',
      path.join(dir, 'out'),
      path.join(dir, name),
    ],
    { timeout: 120_000 },
  ).catch((err: Error) => {
    throw new Error(`soffice is needed for this test (apt-get install libreoffice-calc-nogui): ${err.message}`);
  });
  const out = fs.readFileSync(path.join(dir, 'out', name));
  expect(out.equals(file)).toBe(false);
  return out;
}

const utc = (s: string) => new Date(`${s}T00:00:00Z`);

describe('workbooks written by ExcelJS and by LibreOffice', () => {
  it('a filing workbook with the template headers: text, a real date, a formula date, a numeric category', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('原持证人员备案');
    sheet.addRow([...FILING_HEADERS]);
    sheet.addRow([
      '陈建国',
      idOf('22010219750304451'),
      'C2',
      '',
      '吉建安C2（2023）0001234',
      utc('2023-05-10'),
      { formula: 'DATE(2026,5,9)', result: utc('2026-05-09') },
    ]);
    sheet.addRow(['李四', '220102198001011230', 'A', '', '吉建安A（2024）0000007', '2024/3/1', utc('2027-02-28')]);
    sheet.addRow(['王五', idOf('22010219800101123'), 99, '', '吉A012024000001', utc('2024-03-01'), utc('2023-02-28')]);
    for (const r of [2, 3, 4]) for (const c of [6, 7]) sheet.getRow(r).getCell(c).numFmt = 'yyyy-mm-dd';
    const exceljs = Buffer.from(await book.xlsx.writeBuffer());
    const libre = await throughLibreOffice('filings.xlsx', exceljs);

    const verdicts = async (file: Buffer) => {
      const res = await ent.postFile('/api/filings/import/preview', file);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.rows.map((r: Record<string, unknown>) => [
        r.row,
        r.name,
        r.category,
        r.number,
        r.issuedOn,
        r.expiresOn,
        r.ok,
        r.message,
      ]);
    };
    const expected = [
      [2, '陈建国', 'C2', '吉建安C2（2023）0001234', '2023-05-10', '2026-05-09', true, '可以导入'],
      [3, '李四', 'A', '吉建安A（2024）0000007', '2024-03-01', '2027-02-28', false, expect.stringContaining('身份证号')],
      [4, '王五', '99', '吉A012024000001', '2024-03-01', '2023-02-28', false, expect.stringContaining('工种名称')],
    ];
    expect(await verdicts(exceljs)).toEqual(expected);
    expect(await verdicts(libre)).toEqual(expected);
  });

  it("a score workbook from the server's template: numbers, a formula with its cached value, 缺考", async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/exam-sessions/${sessionId}/score-template`,
      headers: { cookie: `agt_sid=${city.cookies.agt_sid}` },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    sheet.getRow(2).getCell(5).value = 85;
    sheet.getRow(2).getCell(6).value = { formula: '50+10.5', result: 60.5 };
    sheet.getRow(3).getCell(5).value = '缺考';
    sheet.getRow(4).getCell(5).value = 101;
    const exceljs = Buffer.from(await book.xlsx.writeBuffer());
    const libre = await throughLibreOffice('scores.xlsx', exceljs);

    const verdicts = async (file: Buffer) => {
      const preview = await city.postFile(`/api/exam-sessions/${sessionId}/score-import/preview`, file);
      expect(preview.status, JSON.stringify(preview.body)).toBe(200);
      return preview.body.rows.map((r: Record<string, unknown>) => [
        r.row,
        r.ticketNumber,
        r.name,
        r.theory,
        r.practical,
        r.ok,
        r.message,
      ]);
    };
    const first = await verdicts(exceljs);
    expect(first.map((r: unknown[]) => [r[0], r[3], r[4], r[5]])).toEqual([
      [2, 85, 60.5, true],
      [3, 'absent', null, true],
      [4, null, null, false],
    ]);
    expect(await verdicts(libre)).toEqual(first);
  });
});
