import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterprises, lessons, persons, registrations } from '../src/server/db/schema/index.js';
import { DEMO_CANDIDATE, DEMO_PASSWORD } from '../src/server/modules/bootstrap/demo-data.js';
import { login, newPage, screenshot, startE2E, type E2E } from './browser.js';

let e: E2E;
let registrationId: string;
beforeAll(async () => {
  e = await startE2E();
  // An approved C2 registration (the review workflow has its own journey).
  const db = e.t.deps.db;
  const [person] = await db.select().from(persons).where(eq(persons.name, DEMO_CANDIDATE.name));
  const [ent] = await db.select().from(enterprises).where(eq(enterprises.jurisdictionCode, '220100'));
  const [r] = await db
    .insert(registrations)
    .values({
      personId: person.id,
      category: 'C2',
      jurisdictionCode: '220100',
      enterpriseId: ent.id,
      status: 'approved',
      submittedAt: new Date(),
      approvedAt: new Date(),
    })
    .returning();
  registrationId = r.id;
});
afterAll(async () => e?.close());

describe('学习、抓拍', () => {
  it('the candidate studies a video lesson, is asked for a snapshot, captures it with the camera and earns time', async () => {
    const page = await newPage(e);
    await login(page, e, DEMO_CANDIDATE.idNumber, DEMO_PASSWORD);
    await page.getByTestId('home').waitFor();
    await page.getByRole('menuitem', { name: '在线学习' }).click();
    await page.getByText('安管人员安全生产管理基础').waitFor();
    await screenshot(page, 'study-overview');
    const [video] = await e.t.deps.db
      .select()
      .from(lessons)
      .where(and(eq(lessons.kind, 'video'), eq(lessons.title, '施工现场安全警示（视频）')))
      .limit(1);
    // Heartbeats every 3 s instead of 30 s so the journey is short; the server still measures the time.
    await page.goto(`${e.baseUrl}/study/lessons/${video.id}?hb=3`);
    await page.getByTestId('lesson-video').waitFor();
    await page.waitForFunction(
      () => document.querySelector('[data-testid=capture-state]')?.textContent?.startsWith('已抓拍'),
      undefined,
      { timeout: 20_000 },
    );
    await page.getByTestId('lesson-video').evaluate((v: HTMLVideoElement) => {
      v.muted = true;
      return v.play();
    });
    await page.waitForFunction(
      () => {
        const text = document.querySelector('[data-testid=lesson-credited]')?.textContent ?? '';
        return !text.startsWith('0 分 00 秒');
      },
      undefined,
      { timeout: 30_000 },
    );
    await screenshot(page, 'study-lesson');
    // Seeking past the furthest point watched is undone by the player.
    const after = await page.getByTestId('lesson-video').evaluate(async (v: HTMLVideoElement) => {
      v.currentTime = 19;
      await new Promise((r) => setTimeout(r, 300));
      return v.currentTime;
    });
    expect(after).toBeLessThan(15);
    await page.context().close();

    // The authority sees the snapshot beside the registration photo.
    const city = await newPage(e);
    await login(city, e, 'demo-city-cc', DEMO_PASSWORD);
    await city.getByTestId('home').waitFor();
    await city.getByRole('menuitem', { name: '学员报名审核' }).click();
    await city.getByLabel('idNumber').or(city.getByPlaceholder('身份证号（精确）')).fill(DEMO_CANDIDATE.idNumber);
    await city.locator('.ant-form-inline .ant-select').first().locator('.ant-select-clear').click({ force: true });
    await city.getByRole('button', { name: /查\s*询/ }).click();
    await city.getByRole('cell', { name: '张伟' }).waitFor();
    await city.getByRole('button', { name: '审核', exact: true }).click();
    await city.getByRole('tab', { name: '学习进度与抓拍' }).click();
    await city.getByTestId('capture-card').first().waitFor();
    await city.getByTestId('done-hours').waitFor();
    await screenshot(city, 'review-captures');
    const res = await e.t.app.inject({
      method: 'GET',
      url: `/api/registrations/${registrationId}/progress`,
      headers: { cookie: (await city.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
    });
    expect(res.json().doneSeconds).toBeGreaterThan(0);
    await city.context().close();
  });
});
