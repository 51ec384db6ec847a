import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/server/modules/bootstrap/demo-data.js';
import { studiedCandidates } from '../test/factories.js';
import { ARTIFACTS, login, newPage, pageApi, screenshot, startE2E, type E2E } from './browser.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(async () => e?.close());

/** Reads the QR code of the first page of a PDF, as a phone camera would from the printed sheet. */
async function qrOfPdf(pdf: Buffer): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agt-qr-'));
  fs.writeFileSync(path.join(dir, 'c.pdf'), pdf);
  execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', path.join(dir, 'c.pdf'), path.join(dir, 'page')]);
  const png = fs.readdirSync(dir).find((f) => f.endsWith('.png'))!;
  fs.copyFileSync(path.join(dir, png), path.join(ARTIFACTS, 'certificate-printed.png'));
  const { data, info } = await sharp(path.join(dir, png)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  fs.rmSync(dir, { recursive: true });
  const code = jsQR(new Uint8ClampedArray(data), info.width, info.height);
  if (!code) throw new Error('no QR code found on the printed certificate');
  return code.data;
}

describe('成绩导入 → 合格名单 → 省厅确认发证 → 打印证书 → 扫码核验', () => {
  it("goes from the authority's import to the public verification page reached from the printed QR code", async () => {
    const city = await newPage(e);
    await login(city, e, 'demo-city-cc', DEMO_PASSWORD);
    await city.getByTestId('home').waitFor();
    const api = pageApi(city);
    const soon = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
    const session = await api('POST', '/api/exam-sessions', {
      name: '塔式起重机司机考场（发证）',
      address: '长春市南关区人民大街100号',
      room: '实训场',
      kind: 'practical',
      capacity: 5,
      categories: ['05'],
      startsAt: soon(72),
      endsAt: soon(74),
      applicationsOpenAt: soon(-1),
      applicationsCloseAt: soon(48),
    });
    await api('POST', `/api/exam-sessions/${session.id}/publish`);
    const tickets: string[] = [];
    for (const c of await studiedCandidates(e.t, 2, { category: '05', hours: 20 }))
      tickets.push((await c.client.post(`/api/exam-sessions/${session.id}/apply`)).body.ticketNumber);
    await api('POST', `/api/exam-sessions/${session.id}/close`);
    const applicants = await api('GET', `/api/exam-sessions/${session.id}/applicants`);

    // 考试完成, then 网页导入 of the scores, all on screen.
    await city.getByRole('menuitem', { name: '考场管理' }).click();
    const row = city.getByRole('row', { name: /塔式起重机司机考场（发证）/ });
    await row.getByRole('button', { name: '考试完成' }).click();
    await city
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await row.getByText('考试已结束').waitFor();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('成绩');
    sheet.addRow(['准考证号', '姓名', '身份证号', '工种', '理论成绩', '实操成绩']);
    sheet.addRow([
      tickets[0],
      applicants.rows.find((r: { ticketNumber: string }) => r.ticketNumber === tickets[0]).name,
      '',
      '',
      90,
      85,
    ]);
    sheet.addRow([
      tickets[1],
      applicants.rows.find((r: { ticketNumber: string }) => r.ticketNumber === tickets[1]).name,
      '',
      '',
      52,
      null,
    ]);
    await row.getByRole('button', { name: '申请名单' }).click();
    await city.locator('.ant-drawer input[type=file]').setInputFiles({
      name: '成绩.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await book.xlsx.writeBuffer()),
    });
    await city.getByText('全部行检查通过').waitFor();
    await city.getByRole('button', { name: '确认导入' }).click();
    await city.getByText('已导入 2 行').waitFor();
    await city.locator('.ant-drawer-close').click();
    await city.locator('.ant-drawer-mask').waitFor({ state: 'detached' });

    // 统计合格人员成绩 → submit to the province.
    await city.getByRole('menuitem', { name: '合格名单' }).click();
    await city.getByRole('button', { name: '统计合格人员' }).click();
    const drawer = city.locator('.ant-drawer');
    await drawer.locator('.ant-select').first().click();
    await city.locator('.ant-select-item-option', { hasText: '塔式起重机司机考场（发证）' }).click();
    await city.keyboard.press('Escape');
    await drawer.getByPlaceholder(/如：2026年第12批/).fill('2026年塔吊司机第1批');
    await drawer.getByRole('cell', { name: tickets[0] }).waitFor();
    expect(await drawer.getByRole('cell', { name: tickets[1] }).count()).toBe(0); // failed theory: not offered
    await screenshot(city, 'qualified-list-compile');
    await drawer.getByRole('button', { name: /提交省厅（1人）/ }).click();
    await city
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /提\s*交/ })
      .click();
    await city.getByText('合格名单已提交省厅').waitFor();

    // The province confirms: certificates are issued.
    const province = await newPage(e);
    await login(province, e, 'demo-province', DEMO_PASSWORD);
    await province.getByRole('menuitem', { name: '确认成绩名单' }).click();
    const listRow = province.getByRole('row', { name: /2026年塔吊司机第1批/ });
    await listRow.getByRole('cell', { name: '长春市' }).waitFor();
    await screenshot(province, 'qualified-list-province');
    await listRow.getByRole('button', { name: '确认发证' }).click();
    await province.locator('.ant-modal-confirm').getByRole('button', { name: '确认发证' }).click();
    await province.getByText('已确认，核发证书 1 本').waitFor();
    await province.getByRole('menuitem', { name: '证书管理' }).click();
    await province.getByRole('cell', { name: '吉A052026000001' }).waitFor();
    await screenshot(province, 'certificates-province');

    // The city prints the whole list with progress, and the printed QR code leads to the public page.
    await city.reload();
    await city.getByText('全部').click();
    const confirmed = city.getByRole('row', { name: /2026年塔吊司机第1批/ });
    await confirmed.getByText('已确认').waitFor();
    await confirmed.getByRole('button', { name: /批量打印证书/ }).click();
    await city.getByText('已生成 1 本证书').waitFor();
    await screenshot(city, 'certificates-batch-print');
    const href = await city.getByRole('link', { name: /打开证书PDF/ }).getAttribute('href');
    const pdf = await city.request.get(`${e.baseUrl}${href}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const url = await qrOfPdf(Buffer.from(await pdf.body()));
    expect(url).toMatch(new RegExp(`^${e.baseUrl}/verify/cert/[A-Za-z0-9_-]{43}$`));

    const phone = await newPage(e, { width: 375, height: 740 });
    await phone.goto(url);
    await phone.getByText('证书有效').waitFor();
    await phone.getByText('吉A052026000001').first().waitFor();
    await phone.getByText('05 建筑起重机械司机（塔式起重机）').waitFor();
    await screenshot(phone, 'certificate-verify-phone');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // The public search finds the same certificate by its number.
    await phone.goto(`${e.baseUrl}/registry`);
    await phone.getByRole('textbox', { name: '证书编号' }).fill('吉A052026000001');
    await phone
      .getByRole('button', { name: /查\s*询/ })
      .first()
      .click();
    await phone.getByText('有效期至').waitFor();
    await screenshot(phone, 'registry-search-phone');
  });
});
