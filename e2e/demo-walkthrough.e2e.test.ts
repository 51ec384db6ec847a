import { afterAll, beforeAll, describe, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/server/modules/bootstrap/demo-data.js';
import { login, newPage, screenshot, startE2E, type E2E } from './browser.js';

let e: E2E;
beforeAll(async () => {
  // The demo as `npm start` loads it: queues, studied candidates, an open 考场, certificates.
  e = await startE2E({ demoRegistrations: true });
});
afterAll(async () => e?.close());

describe('the demo walks the whole process', () => {
  it('陈静 (24 学时 reached) logs in on a phone, is sent from her home to 申请考场 and takes a seat', async () => {
    const page = await newPage(e, { width: 375, height: 800 });
    await login(page, e, '13800000008', DEMO_PASSWORD);
    const journey = page.getByTestId('journey');
    await journey.getByText('学时已达到要求，可申请考场').waitFor();
    await screenshot(page, 'demo-home-chen');
    await journey.getByRole('button', { name: '申请考场' }).click();
    await page.waitForURL(/\/exams$/);
    const open = page.getByTestId('available-exam').filter({ hasText: '第2期' });
    await open.getByRole('button', { name: /申\s*请/ }).click();
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /申\s*请/ })
      .click();
    await page.getByText(/申请成功：座位号 1/).waitFor();
    await page.getByTestId('my-exam').getByText('准考证号').waitFor();
    await screenshot(page, 'demo-applied-chen');
  });
});
