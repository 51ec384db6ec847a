import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar, maskIdNumber } from '../src/shared/domain/id-number.js';
import { DEMO_PASSWORD } from '../src/server/modules/bootstrap/demo-data.js';
import { accounts, persons, registrations } from '../src/server/db/schema/index.js';
import { studiedCandidates } from '../test/factories.js';
import { login, newPage, screenshot, startE2E, type E2E } from './browser.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(async () => e?.close());

/** Registrations of 长春 waiting for the authority, made directly (the form has its own journey). */
async function waitingRegistrations(n: number) {
  const [ent] = await e.t.deps.db.select().from(accounts).where(eq(accounts.username, 'demo-ent-a'));
  for (let i = 0; i < n; i++) {
    const first17 = `2201021988010${String(i).padStart(2, '0')}12`;
    const idNumber = first17 + idNumberCheckChar(first17);
    const [person] = await e.t.deps.db
      .insert(persons)
      .values({
        name: `待审${i + 1}号`,
        idNumberEnc: e.t.deps.crypto.encrypt(idNumber),
        idNumberHash: e.t.deps.crypto.lookupHash('id', idNumber),
        idNumberMasked: maskIdNumber(idNumber),
        gender: 'male',
        birthDate: '1988-01-01',
      })
      .returning();
    await e.t.deps.db.insert(registrations).values({
      personId: person!.id,
      category: 'C2',
      jurisdictionCode: '220100',
      enterpriseId: ent!.enterpriseId,
      status: 'awaiting_authority',
      submittedAt: new Date(),
    });
  }
}

describe('home pages are to-do lists', () => {
  it('the city sees what waits for it, with a badge on the menu, and the count opens the filtered list', async () => {
    await waitingRegistrations(3);
    const city = await newPage(e);
    await login(city, e, 'demo-city-cc', DEMO_PASSWORD);
    const todo = city.getByTestId('todo-registrations');
    await todo.getByText('3').waitFor();
    await city.getByRole('menuitem', { name: /学员报名审核\s*3/ }).waitFor();
    await screenshot(city, 'home-city');
    await todo.click();
    await city.waitForURL(/\/review\/registrations\?status=awaiting_authority/);
    await city.getByText('共 3 条').waitFor();
    expect(
      await city
        .getByRole('row')
        .filter({ hasText: /待审\d号/ })
        .count(),
    ).toBe(3);
  });

  it("操作指南 shows the manual's flow of the role, each step opening its screen", async () => {
    const city = await newPage(e);
    await login(city, e, 'demo-city-cc', DEMO_PASSWORD);
    await city.getByRole('menuitem', { name: '操作指南' }).click();
    await city.getByText('操作指南 · 主管部门使用流程').waitFor();
    await screenshot(city, 'guide-city');
    await city.getByRole('link', { name: '统计合格人员成绩' }).click();
    await city.waitForURL(/\/qualified-lists$/);
    await city.goto(`${e.baseUrl}/extensions`);
    await city.getByText('暂无待审核的延期申请').waitFor();
    await screenshot(city, 'decision-queue-extensions');
  });

  it("a candidate on a phone sees the step of the manual's flow and the one next action", async () => {
    const [candidate] = await studiedCandidates(e.t, 1, { hours: 0 });
    const page = await newPage(e, { width: 375, height: 800 });
    await page
      .context()
      .addCookies(Object.entries(candidate!.client.cookies).map(([name, value]) => ({ name, value, url: e.baseUrl })));
    await page.goto(`${e.baseUrl}/`);
    const journey = page.getByTestId('journey');
    await journey.getByText('已完成 0 学时，需 24 学时').waitFor();
    expect(await journey.getAttribute('data-step')).toBe('2');
    await screenshot(page, 'home-candidate-375');
    await journey.getByRole('button', { name: '继续学习' }).click();
    await page.waitForURL(/\/study$/);
  });
});
