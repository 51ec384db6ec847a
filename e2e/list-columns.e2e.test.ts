import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/server/modules/bootstrap/demo-data.js';
import { login, newPage, screenshot, startE2E, type E2E } from './browser.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E({ demoRegistrations: true });
});
afterAll(async () => e?.close());

/** Every named column header lies inside the table's visible box: nothing to scroll to. */
async function expectVisibleWithoutScrolling(page: Page, headers: string[]) {
  const box = await page.locator('.ant-table-container').first().boundingBox();
  expect(box).not.toBeNull();
  for (const header of headers) {
    const cell = await page
      .locator('.ant-table-thead th')
      .filter({ hasText: new RegExp(`^${header}$`) })
      .first()
      .boundingBox();
    expect([header, cell !== null]).toEqual([header, true]);
    expect([header, cell!.x >= box!.x - 1 && cell!.x + cell!.width <= box!.x + box!.width + 1]).toEqual([header, true]);
  }
}

describe('at 1280 px the identifying and state columns of the lists never scroll away', () => {
  it('enterprise: 本企业人员, 成绩查询, 本企业证书, 报名确认', async () => {
    const page = await newPage(e);
    await login(page, e, 'demo-ent-a', DEMO_PASSWORD);
    await page.getByTestId('home').waitFor();
    for (const [menu, headers, shot, path] of [
      ['本企业人员', ['姓名', '证书编号', '考试结果', '证书状态', '操作'], 'list-personnel', '/personnel'],
      ['成绩查询', ['姓名', '理论', '实操', '结果'], 'list-results', '/employer/exam-results'],
      ['本企业证书', ['证书编号', '姓名', '状态', '操作'], 'list-certificates', '/certificates'],
      ['报名确认', ['姓名', '状态', '操作'], 'list-employer-queue', '/employer/registrations'],
    ] as const) {
      await page.getByRole('menuitem', { name: menu }).click();
      await page.waitForURL((url) => url.pathname === path);
      await page
        .locator('.ant-card-head-title')
        .filter({ hasText: ({ 本企业人员: '本企业人员信息' } as Record<string, string>)[menu] ?? menu })
        .waitFor();
      await page.locator('.ant-table-row').first().waitFor();
      await expectVisibleWithoutScrolling(page, [...headers]);
      await screenshot(page, shot);
    }
  });

  it('city: 考场管理, 账号管理, 学员报名审核', async () => {
    const page = await newPage(e);
    await login(page, e, 'demo-city-cc', DEMO_PASSWORD);
    await page.getByTestId('home').waitFor();
    for (const [menu, headers, shot, path] of [
      ['考场管理', ['考场名称', '状态', '操作'], 'list-exam-sessions', '/exam-sessions'],
      ['账号管理', ['账号', '状态', '操作'], 'list-accounts', '/accounts'],
      ['学员报名审核', ['姓名', '状态', '操作'], 'list-review-queue', '/review/registrations'],
    ] as const) {
      await page.getByRole('menuitem', { name: menu }).click();
      await page.waitForURL((url) => url.pathname === path);
      await page.locator('.ant-table-row').first().waitFor();
      await expectVisibleWithoutScrolling(page, [...headers]);
      await screenshot(page, shot);
    }
  });

  it('on a phone the same rows are cards', async () => {
    const page = await newPage(e, { width: 375, height: 800 });
    await login(page, e, 'demo-ent-a', DEMO_PASSWORD);
    await page.getByTestId('home').waitFor();
    await page.goto(`${e.baseUrl}/personnel`);
    await page.getByTestId('list-cards').getByText('赵刚').waitFor();
    await screenshot(page, 'list-personnel-375');
  });
});
