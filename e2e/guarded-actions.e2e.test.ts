import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar, maskIdNumber } from '../src/shared/domain/id-number.js';
import { DEMO_PASSWORD } from '../src/server/modules/bootstrap/demo-data.js';
import { accounts, examSessions, persons, registrations } from '../src/server/db/schema/index.js';
import { scoredSession, studiedCandidates } from '../test/factories.js';
import { login, newPage, pageApi, screenshot, startE2E, type E2E } from './browser.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(async () => e?.close());

/** YYYY-MM-DD HH:mm in Beijing, `hours` from now: what a person types into the pickers. */
const beijing = (hours: number) =>
  new Date(Date.now() + 8 * 3_600_000 + hours * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('buttons guarded by the server: one effect per double click, a disabled action says why', () => {
  it('保存草稿 double-clicked creates one 考场, at the Beijing time typed even on a PC set to UTC', async () => {
    const city = await newPage(e, undefined, 'UTC');
    await login(city, e, 'demo-city-cc', DEMO_PASSWORD);
    await city.getByTestId('home').waitFor();
    await city.getByRole('menuitem', { name: '考场管理' }).click();
    await city.getByRole('button', { name: '填写考场信息' }).click();
    const dialog = city.locator('.ant-modal').filter({ hasText: '填写考场信息及工种' });
    await dialog.getByLabel('考场名称').fill('双击测试考点（2026年第5期）');
    await dialog.getByLabel('考试地址').fill('长春市南关区人民大街100号');
    await dialog.getByLabel('考室').fill('302');
    // Range pickers: type each end and confirm it with Enter, as a person at a keyboard does.
    for (const [label, from, to] of [
      ['考试时间', 72, 74],
      ['申请时间', -1, 48],
    ] as const) {
      const inputs = dialog.locator('.ant-form-item').filter({ hasText: label }).locator('input');
      await inputs.nth(0).click();
      await inputs.nth(0).fill(beijing(from));
      await inputs.nth(0).press('Enter');
      await inputs.nth(1).fill(beijing(to));
      await inputs.nth(1).press('Enter');
    }
    await dialog.getByLabel('适用类别/工种').click();
    await city.locator('.ant-select-item-option').filter({ hasText: 'C2' }).first().click();
    await city.keyboard.press('Escape');
    await dialog.getByRole('button', { name: /保存草稿/ }).dblclick();
    await city.getByText('考场已保存为草稿，确认无误后请发布').waitFor();
    await city.getByRole('cell', { name: '双击测试考点（2026年第5期）' }).waitFor();
    const [{ n }] = await e.t.deps.db
      .select({ n: count() })
      .from(examSessions)
      .where(eq(examSessions.name, '双击测试考点（2026年第5期）'));
    expect(n).toBe(1);
    // The list shows (in Beijing time) exactly what was typed.
    await city.getByRole('row').filter({ hasText: '双击测试考点' }).getByText(beijing(72)).waitFor();
    // Category names, not codes, in the list.
    await city
      .getByRole('cell', { name: /专职安全生产管理人员（土建）/ })
      .first()
      .waitFor();
    await screenshot(city, 'exam-session-saved-once');
  });

  it('确认 double-clicked confirms once, with one message and no error', async () => {
    const [ent] = await e.t.deps.db.select().from(accounts).where(eq(accounts.username, 'demo-ent-a'));
    const first17 = '22010219910304123';
    const idNumber = first17 + idNumberCheckChar(first17);
    const [person] = await e.t.deps.db
      .insert(persons)
      .values({
        name: '钱双击',
        idNumberEnc: e.t.deps.crypto.encrypt(idNumber),
        idNumberHash: e.t.deps.crypto.lookupHash('id', idNumber),
        idNumberMasked: maskIdNumber(idNumber),
        gender: 'male',
        birthDate: '1991-03-04',
      })
      .returning();
    const [registration] = await e.t.deps.db
      .insert(registrations)
      .values({
        personId: person!.id,
        category: 'C2',
        jurisdictionCode: '220100',
        enterpriseId: ent!.enterpriseId,
        status: 'awaiting_employer',
        submittedAt: new Date(),
      })
      .returning();

    const page = await newPage(e);
    await login(page, e, 'demo-ent-a', DEMO_PASSWORD);
    await page.getByTestId('home').waitFor();
    await page.getByRole('menuitem', { name: '报名确认' }).click();
    const row = page.getByRole('row').filter({ hasText: '钱双击' });
    await row.getByRole('button', { name: /确\s*认/ }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '钱双击 的报名' });
    await dialog.getByText('该人员与本企业已确立劳动关系').click();
    await dialog.getByText('该人员经本企业年度安全生产教育培训合格').click();
    await dialog.getByRole('button', { name: /确\s*认/ }).dblclick();
    await page.getByText('已确认，报名转主管部门审核').waitFor();
    expect(await page.getByText('该报名不在待企业确认状态').count()).toBe(0);
    const [after] = await e.t.deps.db
      .select()
      .from(registrations)
      .where(and(eq(registrations.id, registration!.id)));
    expect(after!.status).toBe('awaiting_authority');
  });

  it('a candidate without the hours sees 申请 disabled with the reason, before clicking', async () => {
    const city = await newPage(e);
    await login(city, e, 'demo-city-cc', DEMO_PASSWORD);
    await city.getByTestId('home').waitFor();
    const api = pageApi(city);
    const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
    const draft = await api('POST', '/api/exam-sessions', {
      name: '学时不足测试考点',
      address: '长春市朝阳区',
      room: '101',
      kind: 'theory',
      capacity: 30,
      categories: ['C2'],
      startsAt: inHours(72),
      endsAt: inHours(74),
      applicationsOpenAt: inHours(-1),
      applicationsCloseAt: inHours(48),
    });
    await api('POST', `/api/exam-sessions/${draft.id}/publish`);

    const [candidate] = await studiedCandidates(e.t, 1, { hours: 0 });
    const page = await newPage(e, { width: 375, height: 800 });
    await page
      .context()
      .addCookies(Object.entries(candidate!.client.cookies).map(([name, value]) => ({ name, value, url: e.baseUrl })));
    await page.goto(`${e.baseUrl}/exams`);
    const item = page.getByTestId('available-exam').filter({ hasText: '学时不足测试考点' });
    await item.waitFor();
    const apply = item.getByRole('button', { name: /申\s*请/ });
    expect(await apply.isDisabled()).toBe(true);
    await item.locator('[data-reason]').hover();
    await page.getByRole('tooltip').filter({ hasText: '学时未达到要求：已完成 0 学时，需 24 学时' }).waitFor();
    await screenshot(page, 'apply-disabled-375');
  });

  it('申请延期 three years early is disabled and says from when', async () => {
    // A certificate issued today to a person of the enterprise (exam → list → confirmation, the real way).
    const [ent] = await e.t.deps.db.select().from(accounts).where(eq(accounts.username, 'demo-ent-a'));
    const sitting = await scoredSession(e.t, [88], { enterpriseId: ent!.enterpriseId! });
    const list = await (
      await e.t.login('demo-city-cc')
    ).post('/api/qualified-lists', { listTitle: '延期按钮测试', applicationIds: [sitting.applications[0]!.applicationId] });
    expect((await (await e.t.login('demo-province')).post(`/api/qualified-lists/${list.body.id}/confirm`)).status).toBe(200);
    const [holder] = await e.t.deps.db
      .select({ name: persons.name })
      .from(persons)
      .where(eq(persons.id, sitting.applications[0]!.personId));

    const page = await newPage(e);
    await login(page, e, 'demo-ent-a', DEMO_PASSWORD);
    await page.getByTestId('home').waitFor();
    await page.getByRole('menuitem', { name: '本企业人员' }).click();
    const row = page.getByRole('row').filter({ hasText: holder!.name });
    const extend = row.getByRole('button', { name: '申请延期' });
    await extend.waitFor();
    expect(await extend.isDisabled()).toBe(true);
    await row.locator('[data-reason*="起可申请延期"]').hover();
    await page
      .getByRole('tooltip')
      .filter({ hasText: /\d{4}-\d{2}-\d{2} 起可申请延期/ })
      .waitFor();
    await screenshot(page, 'extension-disabled');
  });
});
