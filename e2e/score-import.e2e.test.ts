import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/server/modules/bootstrap/demo-data.js';
import { studiedCandidates } from '../test/factories.js';
import { login, newPage, pageApi, screenshot, startE2E, type E2E } from './browser.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(async () => e?.close());

describe('上传学员成绩：特种作业网页导入', () => {
  it('the authority uploads the filled template, reads the preview and imports', async () => {
    const city = await newPage(e);
    await login(city, e, 'demo-city-cc', DEMO_PASSWORD);
    await city.getByTestId('home').waitFor();
    const api = pageApi(city);
    const soon = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
    const session = await api('POST', '/api/exam-sessions', {
      name: '建筑电工考场（网页导入）',
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
    await api('POST', `/api/exam-sessions/${session.id}/publish`);
    const crowd = await studiedCandidates(e.t, 2, { category: '01', hours: 20 });
    const tickets = [];
    for (const c of crowd) tickets.push((await c.client.post(`/api/exam-sessions/${session.id}/apply`)).body.ticketNumber);
    await api('POST', `/api/exam-sessions/${session.id}/close`);
    const applicants = await api('GET', `/api/exam-sessions/${session.id}/applicants`);

    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('成绩');
    sheet.addRow(['准考证号', '姓名', '身份证号', '工种', '理论成绩', '实操成绩']);
    sheet.addRow([tickets[0], applicants.rows[0].name, '', '', 88, 92]);
    sheet.addRow([tickets[1], applicants.rows[1].name, '', '', '缺考', null]);
    const file = Buffer.from(await book.xlsx.writeBuffer());

    await city.getByRole('menuitem', { name: '考场管理' }).click();
    await city
      .getByRole('row', { name: /建筑电工考场（网页导入）/ })
      .getByRole('button', { name: '申请名单' })
      .click();
    await city.getByRole('button', { name: /导入特种作业成绩/ }).waitFor();
    await city.locator('.ant-drawer input[type=file]').setInputFiles({
      name: '成绩.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    await city.getByText('全部行检查通过').waitFor();
    await screenshot(city, 'score-import-preview');
    await city.getByRole('button', { name: '确认导入' }).click();
    await city.getByText('已导入 2 行，其中 2 行有变化').waitFor();
    await city.getByRole('cell', { name: '88（合格）' }).waitFor();
    await city.getByRole('cell', { name: '缺考（缺考）' }).waitFor();
    await screenshot(city, 'score-import-done');
    expect(await city.getByRole('cell', { name: '88（合格）' }).count()).toBe(1);
  });
});
