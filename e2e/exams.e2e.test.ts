import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/server/modules/bootstrap/demo-data.js';
import { studiedCandidates } from '../test/factories.js';
import { ARTIFACTS, login, newPage, screenshot, startE2E, type E2E } from './browser.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(async () => e?.close());

describe('发布考场 → 申请考场 → 打印准考证 → 退考被拒', () => {
  it('the authority publishes, the candidate applies and prints the ticket, then cannot withdraw', async () => {
    // —— authority: a draft (form tested in integration), published from the screen ——
    const city = await newPage(e);
    await login(city, e, 'demo-city-cc', DEMO_PASSWORD);
    await city.getByTestId('home').waitFor();
    const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
    const draft = await city.evaluate(
      async (body) => {
        const csrf = document.cookie.match(/agt_csrf=([^;]+)/)![1];
        const r = await fetch('/api/exam-sessions', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
          body: JSON.stringify(body),
        });
        return r.json();
      },
      {
        name: '长春市第一考点（2026年第4期）',
        address: '长春市南关区人民大街100号',
        room: '301',
        kind: 'theory',
        capacity: 30,
        categories: ['C2'],
        startsAt: inHours(72),
        endsAt: inHours(74),
        applicationsOpenAt: inHours(-1),
        applicationsCloseAt: inHours(48),
      },
    );
    expect(draft.id).toBeTruthy();
    await city.getByRole('menuitem', { name: '考场管理' }).click();
    await city.getByRole('cell', { name: '长春市第一考点（2026年第4期）' }).waitFor();
    await city.getByRole('button', { name: '发布', exact: true }).click();
    await city
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await city.getByText('已发布（接受申请）').waitFor();
    await screenshot(city, 'exam-sessions');

    // —— candidate who reached the hours ——
    const [candidate] = await studiedCandidates(e.t, 1, { hours: 30 });
    const page = await newPage(e, { width: 375, height: 800 });
    await page
      .context()
      .addCookies(Object.entries(candidate.client.cookies).map(([name, value]) => ({ name, value, url: e.baseUrl })));
    await page.goto(`${e.baseUrl}/exams`);
    await page.getByTestId('available-exam').waitFor();
    await page.getByRole('button', { name: /申\s*请/ }).click();
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /申\s*请/ })
      .click();
    await page.getByText(/申请成功：座位号 1/).waitFor();
    await page.getByTestId('my-exam').getByText('准考证号').waitFor();
    await screenshot(page, 'my-exams-375');

    // —— print: the PDF, rendered to PNG to look at ——
    const [mine] = await (await page.request.get(`${e.baseUrl}/api/exams/mine`)).json();
    const pdf = await page.request.get(`${e.baseUrl}/api/exam-applications/${mine.id}/ticket.pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const pdfPath = path.join(ARTIFACTS, 'ticket.pdf');
    fs.writeFileSync(pdfPath, await pdf.body());
    execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', pdfPath, path.join(ARTIFACTS, 'ticket')]);
    expect(fs.existsSync(path.join(ARTIFACTS, 'ticket.png'))).toBe(true);
    const fonts = execFileSync('pdffonts', [pdfPath]).toString();
    expect(fonts).toMatch(/NotoSansSC/);

    // —— withdrawal is shown disabled with the rule as its reason, and the server refuses it ——
    await page.reload();
    await page.getByText(/不能再退考/).waitFor();
    expect(await page.getByRole('button', { name: '申请退考' }).isDisabled()).toBe(true);
    expect(
      await page
        .locator('[data-reason]')
        .filter({ has: page.getByRole('button', { name: '申请退考' }) })
        .getAttribute('data-reason'),
    ).toBe('准考证已打印，按规定不能再取消考试资格');
    const refused = await page.evaluate(async (id) => {
      const csrf = document.cookie.match(/agt_csrf=([^;]+)/)![1];
      return (await fetch(`/api/exam-applications/${id}/withdraw`, { method: 'POST', headers: { 'x-csrf-token': csrf } })).json();
    }, mine.id);
    expect(refused.error.message).toBe('准考证已打印，按规定不能再取消考试资格');

    // —— the QR code's page, without logging in ——
    const invigilator = await newPage(e);
    await invigilator.goto(`${e.baseUrl}/verify/ticket/${mine.id}`);
    await invigilator.getByText('有效').first().waitFor();
    await screenshot(invigilator, 'verify-ticket');
  });
});
