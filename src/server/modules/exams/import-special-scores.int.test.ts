import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exe } from '../../../../test/fixtures.js';
import { studiedCandidates } from '../../../../test/factories.js';
import { createTestApp, type Client, type TestApp } from '../../../../test/harness.js';
import { accounts, auditEvents, examScores, qualifiedListEntries, qualifiedLists } from '../../db/schema/index.js';
import { SCORE_LOCKED } from './score-lock.js';

let t: TestApp;
let city: Client;
let sessionId: string;
let template: ExcelJS.Workbook;

beforeAll(async () => {
  t = await createTestApp();
  city = await t.login('demo-city-cc');
  const soon = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
  const created = await city.post('/api/exam-sessions', {
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
  });
  sessionId = created.body.id;
  await city.post(`/api/exam-sessions/${sessionId}/publish`);
  for (const c of await studiedCandidates(t, 4, { category: '01', hours: 20 }))
    await c.client.post(`/api/exam-sessions/${sessionId}/apply`);
});
afterAll(async () => t?.close());

async function send(path: string, file: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), 'scores.xlsx');
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/exam-sessions/${sessionId}/${path}`,
    payload: form,
    headers: {
      cookie: `agt_sid=${city.cookies.agt_sid}; agt_csrf=${city.cookies.agt_csrf}`,
      'x-csrf-token': city.cookies.agt_csrf,
    },
  });
  return { status: res.statusCode, body: res.json() };
}

async function filled(values: [string | number | null, string | number | null][], extra: (string | number)[][] = []) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await template.xlsx.writeBuffer()) as ArrayBuffer);
  const sheet = book.worksheets[0];
  values.forEach(([theory, practical], i) => {
    sheet.getRow(i + 2).getCell(5).value = theory;
    sheet.getRow(i + 2).getCell(6).value = practical;
  });
  for (const row of extra) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('网页导入 of special-operations scores', () => {
  it('refuses before applications close, and refuses a file that is not Excel', async () => {
    expect((await send('score-import/preview', Buffer.from('x'))).body.error.message).toBe('考场截止申请后才能导入成绩');
    await city.post(`/api/exam-sessions/${sessionId}/close`);
    expect((await send('score-import/preview', exe())).body.error.message).toBe(
      '成绩文件：请上传 Excel（.xlsx）文件，可先下载成绩模板',
    );
  });

  it('gives a template pre-filled with the candidates', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/exam-sessions/${sessionId}/score-template`,
      headers: { cookie: `agt_sid=${city.cookies.agt_sid}` },
    });
    expect(res.statusCode).toBe(200);
    template = new ExcelJS.Workbook();
    await template.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = template.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, '准考证号', '姓名', '身份证号', '工种', '理论成绩', '实操成绩']);
    expect(sheet.rowCount).toBe(5);
    expect(String(sheet.getRow(2).getCell(4).value)).toBe('01 建筑电工');
  });

  it('previews a verdict for every bad row kind and commits nothing while any row is wrong', async () => {
    const name2 = String(template.worksheets[0].getRow(3).getCell(2).value);
    const file = await filled(
      [
        [85, 90],
        [55, 80],
        [101, null],
        ['缺考', null],
      ],
      [
        ['2026220100999999', '某人', '', '', 70, 80],
        [String(template.worksheets[0].getRow(2).getCell(1).value), '别人', '', '', 70, 80],
      ],
    );
    const preview = await send('score-import/preview', file);
    expect(preview.body.rows.map((r: { row: number; ok: boolean; message: string }) => [r.row, r.ok, r.message])).toEqual([
      [2, true, '可以导入'],
      [3, false, '理论未合格（或缺考）的人员不能有实操成绩'],
      [4, false, '成绩应为0至100之间、最多一位小数的数字，或填“缺考”'],
      [5, true, '可以导入'],
      [6, false, '准考证号不在本考场'],
      [7, false, expect.stringContaining('姓名与准考证不符')],
    ]);
    expect(name2).toBeTruthy();
    const commit = await send('score-import/commit', file);
    expect(commit.status).toBe(400);
    expect(commit.body.error.message).toMatch(/^成绩文件有 4 行错误/);
    expect(await t.deps.db.select().from(examScores)).toEqual([]);
  });

  it('commits a correct file once; the same file again changes nothing; a corrected file replaces with an audit event', async () => {
    const good = await filled([
      [85, 90],
      [55, null],
      [72.5, '缺考'],
      ['缺考', null],
    ]);
    expect((await send('score-import/commit', good)).body).toEqual({ imported: 4, changed: 4 });
    expect((await send('score-import/commit', good)).body).toEqual({ imported: 4, changed: 0 });
    const corrected = await filled([
      [85, 90],
      [61, 75],
      [72.5, '缺考'],
      ['缺考', null],
    ]);
    const preview = await send('score-import/preview', corrected);
    expect(preview.body.rows.map((r: { change: string }) => r.change)).toEqual(['same', 'changed', 'same', 'same']);
    expect((await send('score-import/commit', corrected)).body).toEqual({ imported: 4, changed: 1 });
    const audits = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'exam_score.corrected'));
    expect(audits).toHaveLength(1);
    const list = await city.get(`/api/exam-sessions/${sessionId}/applicants`);
    expect(list.body.rows.map((r: { result: { label: string } }) => r.result.label)).toEqual([
      '合格',
      '合格',
      '实操缺考',
      '缺考',
    ]);
  });

  it('a result on a live qualified list cannot be changed by the web import, the rest can', async () => {
    const [first] = (await city.get(`/api/exam-sessions/${sessionId}/applicants`)).body.rows;
    const [cityAccount] = await t.deps.db.select().from(accounts).where(eq(accounts.username, 'demo-city-cc'));
    const [list] = await t.deps.db
      .insert(qualifiedLists)
      .values({ jurisdictionCode: '220100', title: '锁定测试', entryCount: 1, submittedBy: cityAccount.id })
      .returning();
    await t.deps.db.insert(qualifiedListEntries).values({ listId: list.id, applicationId: first.id });
    const preview = await send(
      'score-import/preview',
      await filled([
        [40, null],
        [61, 75],
        [72.5, '缺考'],
        ['缺考', null],
      ]),
    );
    expect(preview.body.rows[0]).toMatchObject({ ok: false, message: SCORE_LOCKED });
    expect(
      (
        await send(
          'score-import/preview',
          await filled([
            [85, 90],
            [61, 75],
            [72.5, '缺考'],
            ['缺考', null],
          ]),
        )
      ).body.rows[0].ok,
    ).toBe(true);
  });

  it("another city's authority cannot read or import", async () => {
    const other = await t.login('demo-city-jl');
    expect((await other.request('GET', `/api/exam-sessions/${sessionId}/score-template`)).status).toBe(404);
  });
});
