import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CANDIDATE, DEMO_PASSWORD } from '../src/server/modules/bootstrap/demo-data.js';
import { pdf } from '../test/fixtures.js';
import { login, newPage, screenshot, startE2E, type E2E } from './browser.js';
import type { Page } from 'playwright-core';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(async () => e?.close());

/** Picks an option of an antd Select found by its form label. */
async function choose(page: Page, label: string, option: string, type?: string) {
  await page.getByLabel(label, { exact: true }).click();
  if (type) await page.getByLabel(label, { exact: true }).fill(type);
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
  // The choice is made once the dropdown has closed: a click on 下一步 before that may find the field still empty.
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}

describe('在线报名 → 企业确认 → 主管部门审核', () => {
  it('candidate registers on a phone, employer confirms, authority approves, the form is locked', async () => {
    // —— candidate, 375 px wide ——
    const cand = await newPage(e, { width: 375, height: 800 });
    await login(cand, e, DEMO_CANDIDATE.idNumber, DEMO_PASSWORD);
    await cand.getByTestId('home').waitFor();
    await cand.goto(`${e.baseUrl}/registrations`);
    await cand.getByText('您还没有报名').waitFor();
    await cand.getByRole('button', { name: '立即报名' }).click();

    await choose(cand, '报考类别', 'C2 专职安全生产管理人员（土建）');
    await choose(cand, '报往地区', '长春市');
    await screenshot(cand, 'registration-step1-375');
    await cand.getByRole('button', { name: /下一步/ }).click();

    await cand.getByText('由身份证号得出').waitFor();
    await cand.getByRole('button', { name: /拍\s*照/ }).click();
    await cand.getByRole('button', { name: '拍照并上传' }).waitFor();
    await cand.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement | null)?.videoWidth ?? 0 > 0);
    await cand.getByRole('button', { name: '拍照并上传' }).click();
    await cand.locator('[data-testid=file-photo] img').waitFor();
    await screenshot(cand, 'registration-photo-375');
    await cand.getByRole('button', { name: /下一步/ }).click();

    await choose(cand, '文化程度', '大专');
    await choose(cand, '专业技术职称', '无');
    await choose(cand, '工作单位', '长春建工集团有限公司（91220101MA0Y3K7B27，长春市）', '长春建工');
    await cand.getByLabel('岗位').fill('安全员');
    await cand.getByLabel('从事施工管理工作年限').fill('1');
    await cand.getByText('须从事施工管理工作2年以上').waitFor();
    await cand.getByLabel('从事施工管理工作年限').fill('6');
    await screenshot(cand, 'registration-step3-375');
    await cand.getByRole('button', { name: /下一步/ }).click();

    await cand
      .locator('[data-testid=file-diploma] input[type=file]')
      .setInputFiles({ name: 'diploma.exe', mimeType: 'application/pdf', buffer: Buffer.from('MZ this is not a pdf') });
    await cand.getByText('只能上传 PDF、JPG 或 PNG 文件').waitFor();
    await cand
      .locator('[data-testid=file-diploma] input[type=file]')
      .setInputFiles({ name: '毕业证.pdf', mimeType: 'application/pdf', buffer: pdf() });
    await cand.getByText('上传成功').first().waitFor();
    await cand.getByRole('button', { name: /下一步/ }).click();

    await cand.getByTestId('review-step').waitFor();
    await cand.getByText('已满足报名条件，可以提交').waitFor();
    await screenshot(cand, 'registration-review-375');
    const width = await cand.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await cand.getByRole('button', { name: '提交报名' }).click();
    await cand.getByText('报名已提交').waitFor();
    await cand.getByRole('button', { name: '查看我的报名' }).click();
    await cand.getByText('待企业确认').waitFor();

    // —— employer ——
    const ent = await newPage(e);
    await login(ent, e, 'demo-ent-a', DEMO_PASSWORD);
    await ent.getByTestId('home').waitFor();
    await ent.getByRole('menuitem', { name: '报名确认' }).click();
    await ent.getByRole('cell', { name: '张伟' }).waitFor();
    await ent.getByRole('button', { name: '确认', exact: true }).click();
    await ent.getByText('该人员与本企业已确立劳动关系').click();
    await ent.getByText('该人员经本企业年度安全生产教育培训合格').click();
    await screenshot(ent, 'employer-confirm');
    await ent
      .locator('.ant-modal')
      .getByRole('button', { name: /确\s*认/ })
      .click();
    await ent.getByText('已确认，报名转主管部门审核').waitFor();
    await ent.context().close();

    // —— authority ——
    const city = await newPage(e);
    await login(city, e, 'demo-city-cc', DEMO_PASSWORD);
    await city.getByTestId('home').waitFor();
    await city.getByRole('menuitem', { name: '学员报名审核' }).click();
    await city.getByRole('cell', { name: '张伟' }).waitFor();
    await city.getByRole('button', { name: '审核', exact: true }).click();
    await city.locator('.ant-drawer img[alt="一寸照片"]').waitFor();
    await city.locator('.ant-drawer iframe[title="毕业证"]').waitFor();
    await city.getByRole('button', { name: '显示完整号码' }).click();
    await city
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /显\s*示/ })
      .click();
    await expect(city.getByTestId('revealed-id').innerText()).resolves.toBe(DEMO_CANDIDATE.idNumber);
    await screenshot(city, 'review-drawer');
    await city.locator('.ant-drawer').getByRole('button', { name: '审核通过' }).click();
    await city.locator('.ant-modal-confirm').getByRole('button', { name: '审核通过' }).click();
    await city.getByText('已审核通过').waitFor();
    await city.context().close();

    // —— candidate: told, and locked ——
    await cand.goto(`${e.baseUrl}/notifications`);
    await cand.getByText('报名审核通过').waitFor();
    await cand.goto(`${e.baseUrl}/registrations`);
    await cand.getByText('已审核通过，报名信息已锁定不可修改').waitFor();
    expect(await cand.getByRole('button', { name: '修改并提交' }).count()).toBe(0);
    await screenshot(cand, 'registration-locked-375');
    const id = await e.t.deps.db.query.registrations.findFirst().then((r) => r!.id);
    await cand.goto(`${e.baseUrl}/registrations/${id}/edit`);
    await cand.getByText('该报名当前不能修改').waitFor();
    await cand.context().close();
  });
});
