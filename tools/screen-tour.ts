/**
 * Looks at every screen: signs in as each demo role and opens every menu entry
 * at 1280 px and on a 375 px phone, writing a full-page screenshot of each to
 * .test-artifacts/tour/<role>-<width>-<n>.png — for a person to look at before
 * calling a screen done. Needs `npx vite build` first. Not a test: it asserts
 * nothing beyond "the page rendered".
 *
 *   npx tsx tools/screen-tour.ts [role …]
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_CANDIDATE, DEMO_PASSWORD } from '../src/server/modules/bootstrap/demo-data.js';
import { login, newPage, startE2E } from '../e2e/browser.js';

const ROLES: Record<string, string> = {
  candidate: DEMO_CANDIDATE.idNumber,
  enterprise: 'demo-ent-a',
  training: 'demo-training',
  city: 'demo-city-cc',
  province: 'demo-province',
  sysadmin: 'demo-sysadmin',
  secadmin: 'demo-secadmin',
  auditadmin: 'demo-auditadmin',
};
const OUT = path.resolve('.test-artifacts/tour');
fs.mkdirSync(OUT, { recursive: true });

const wanted = process.argv.slice(2);
const e = await startE2E({ demoRegistrations: true });
try {
  for (const [role, username] of Object.entries(ROLES)) {
    if (wanted.length && !wanted.includes(role)) continue;
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 375, height: 740 },
    ]) {
      const page = await newPage(e, viewport);
      await login(page, e, username, DEMO_PASSWORD);
      await page.getByTestId('home').waitFor();
      const phone = viewport.width < 768;
      if (phone)
        await page
          .getByRole('button', { name: /菜单|menu/ })
          .first()
          .click();
      const items = await page.getByRole('menuitem').allInnerTexts();
      if (phone) {
        await page.keyboard.press('Escape');
        await page.waitForFunction(() => !document.querySelector('.ant-drawer-open'));
      }
      let n = 0;
      for (const label of items.map((t) => t.replace(/\d+$/, '').trim())) {
        if (label === '修改密码') continue;
        if (phone)
          await page
            .getByRole('button', { name: /菜单|menu/ })
            .first()
            .click();
        await page.getByRole('menuitem', { name: label }).first().click();
        // The page is there when the breadcrumb names it and nothing is loading any more.
        if (label !== '首页') await page.locator('.ant-breadcrumb').getByText(label, { exact: true }).waitFor();
        await page.waitForLoadState('networkidle');
        // …and the drawer menu (phones) has closed and the loading veil has faded.
        await page.waitForFunction(
          () => !document.querySelector('.ant-spin-spinning, .ant-spin-blur, .ant-skeleton-active, .ant-drawer-open'),
        );
        await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
        const file = path.join(OUT, `${role}-${viewport.width}-${String(++n).padStart(2, '0')}-${label}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
      }
      await page.context().close();
    }
  }
} finally {
  await e.close();
}
