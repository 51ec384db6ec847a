import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../src/shared/domain/id-number.js';
import { DEMO_PASSWORD } from '../src/server/modules/bootstrap/demo-data.js';
import { pdf } from '../test/fixtures.js';
import { login, newPage, screenshot, startE2E, type E2E } from './browser.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(async () => e?.close());

describe('原持证人员信息备案 → 备案核验 → 诚信平台人员库 → 调入', () => {
  it('an enterprise files a legacy certificate on screen, the city verifies it, the public finds it, another enterprise asks to take the holder in', async () => {
    const idNumber = '22010219750304451' + idNumberCheckChar('22010219750304451');
    const ent = await newPage(e);
    await login(ent, e, 'demo-ent-a', DEMO_PASSWORD);
    await ent.getByRole('menuitem', { name: '原持证人员备案' }).click();
    await ent.getByRole('button', { name: '新增备案' }).click();
    const dialog = ent.locator('.ant-modal');
    await dialog.getByLabel('姓名').fill('陈建国');
    await dialog.getByLabel('身份证号').fill(idNumber);
    await dialog.getByLabel('类别/工种').click();
    await ent.locator('.ant-select-item-option', { hasText: 'C2 专职安全生产管理人员（土建）' }).click();
    await dialog.getByLabel('证书编号').fill('吉建安C2（2024）0000123');
    await dialog.getByLabel('发证日期').fill('2024-03-01');
    await dialog.getByLabel('发证日期').press('Enter');
    await dialog.getByLabel('有效期至').fill('2027-02-28');
    await dialog.getByLabel('有效期至').press('Enter');
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: '证书.pdf', mimeType: 'application/pdf', buffer: pdf('legacy certificate') });
    await ent.getByText('上传成功').waitFor();
    await screenshot(ent, 'filing-form');
    await dialog.getByRole('button', { name: '提交备案' }).click();
    await ent.getByText('已提交备案，等待主管部门核验').waitFor();
    await ent.getByRole('cell', { name: '吉建安C2（2024）0000123' }).waitFor();

    const city = await newPage(e);
    await login(city, e, 'demo-city-cc', DEMO_PASSWORD);
    await city.getByRole('menuitem', { name: '备案核验' }).click();
    const row = city.getByRole('row', { name: /陈建国/ });
    await row.getByRole('link', { name: '扫描件' }).waitFor();
    await screenshot(city, 'filing-review');
    await row.getByRole('button', { name: '通过' }).click();
    await city.locator('.ant-modal-confirm').getByRole('button', { name: '核验通过' }).click();
    await city.getByText('已核验通过').waitFor();

    const phone = await newPage(e, { width: 375, height: 740 });
    await phone.goto(`${e.baseUrl}/registry`);
    await phone.getByRole('textbox', { name: '证书编号' }).fill('吉建安C2(2024)0000123');
    await phone
      .getByRole('button', { name: /查\s*询/ })
      .first()
      .click();
    await phone.getByText('陈建国').waitFor();
    expect(await phone.getByText('有效', { exact: true }).count()).toBeGreaterThan(0);
    await screenshot(phone, 'filing-public');

    // Enterprise B reads the holder and applies to take them in: the request alone changes nothing public.
    const other = await newPage(e);
    await login(other, e, 'demo-ent-b', DEMO_PASSWORD);
    await other.getByRole('menuitem', { name: '本企业人员' }).click();
    await other.getByRole('button', { name: '读取原有证人员信息' }).click();
    await other.getByPlaceholder('18位身份证号').fill(idNumber);
    await other.getByPlaceholder('18位身份证号').press('Enter');
    await other.getByText('陈建国 · 吉建安C2（2024）0000123').waitFor();
    await other.getByRole('button', { name: '申请调入' }).click();
    await other.getByLabel('调入原因').fill('已与本企业签订劳动合同');
    await other.getByRole('button', { name: '提交申请' }).click();
    await other.getByText('调入申请已提交：须持证人在系统中同意，再经主管部门审核').waitFor();
    await screenshot(other, 'transfer-requested');
    await phone.reload();
    await phone.getByRole('textbox', { name: '证书编号' }).fill('吉建安C2（2024）0000123');
    await phone
      .getByRole('button', { name: /查\s*询/ })
      .first()
      .click();
    await phone.getByText('吉建安C2（2024）0000123').first().waitFor();
    expect(await phone.getByText('有效', { exact: true }).count()).toBeGreaterThan(0);
    expect(await phone.getByText('办理转出').count()).toBe(0);
  });
});
