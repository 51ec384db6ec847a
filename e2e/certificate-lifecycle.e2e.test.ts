import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addYears } from '../src/shared/domain/certificate.js';
import { idNumberCheckChar } from '../src/shared/domain/id-number.js';
import { certificates, courses, lessons, studyLedger, studySessions } from '../src/server/db/schema/index.js';
import { DEMO_PASSWORD } from '../src/server/modules/bootstrap/demo-data.js';
import { pdf } from '../test/fixtures.js';
import { login, newPage, pageApi, screenshot, startE2E, type E2E } from './browser.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(async () => e?.close());

const day = (d: Date) => d.toISOString().slice(0, 10);

describe('备案 → 核验 → 继续教育 → 延期 → 诚信平台人员库', () => {
  it('a legacy certificate near its expiry is filed, verified, extended after continuing education, and the public page shows the new expiry', async () => {
    // A certificate that expires in 40 days (inside the 3-month window), whatever the date of the run.
    const expiresOn = day(new Date(Date.now() + 40 * 86_400_000));
    const issuedOn = day(new Date(Date.parse(`${addYears(expiresOn, -3)}T00:00:00Z`) + 86_400_000));
    const number = `吉建安C1（${issuedOn.slice(0, 4)}）0000888`;
    const idNumber = '22010219681111231' + idNumberCheckChar('22010219681111231');

    const ent = await newPage(e);
    await login(ent, e, 'demo-ent-a', DEMO_PASSWORD);
    await ent.getByRole('menuitem', { name: '原持证人员备案' }).click();
    await ent.getByRole('button', { name: '新增备案' }).click();
    const dialog = ent.locator('.ant-modal');
    await dialog.getByLabel('姓名').fill('马国强');
    await dialog.getByLabel('身份证号').fill(idNumber);
    await dialog.getByLabel('类别/工种').click();
    await ent.locator('.ant-select-item-option', { hasText: 'C1 专职安全生产管理人员（机械）' }).click();
    await dialog.getByLabel('证书编号').fill(number);
    await dialog.getByLabel('发证日期').fill(issuedOn);
    await dialog.getByLabel('发证日期').press('Enter');
    await dialog.getByLabel('有效期至').fill(expiresOn);
    await dialog.getByLabel('有效期至').press('Enter');
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: '证书.pdf', mimeType: 'application/pdf', buffer: pdf('legacy C1') });
    await ent.getByText('上传成功').waitFor();
    await dialog.getByRole('button', { name: '提交备案' }).click();
    await ent.getByText('已提交备案，等待主管部门核验').waitFor();

    const city = await newPage(e);
    await login(city, e, 'demo-city-cc', DEMO_PASSWORD);
    await city.getByRole('menuitem', { name: '备案核验' }).click();
    await city
      .getByRole('row', { name: /马国强/ })
      .getByRole('button', { name: '通过' })
      .click();
    await city.locator('.ant-modal-confirm').getByRole('button', { name: '核验通过' }).click();
    await city.getByText('已核验通过').waitFor();

    // The province publishes a continuing-education course for C1 (course authoring has its own tests).
    const province = await newPage(e);
    await login(province, e, 'demo-province', DEMO_PASSWORD);
    await province.getByTestId('home').waitFor();
    const api = pageApi(province);
    const course = await api('POST', '/api/courses', { title: '专职安全员继续教育', categories: ['C1'], continuing: true });
    await api('POST', `/api/courses/${course.id}/lessons/document`, {
      title: '机械设备安全管理新规',
      body: '继续教育正文。'.repeat(20),
      minutes: 45,
    });
    await api('POST', `/api/courses/${course.id}/publish`, { published: true });

    // 继续教育报名 on screen.
    await ent.getByRole('menuitem', { name: '本企业人员' }).click();
    const row = ent.getByRole('row', { name: /马国强/ });
    await row.getByRole('button', { name: '继续教育报名' }).click();
    await ent.locator('.ant-modal').getByLabel('继续教育课程').click();
    await ent.locator('.ant-select-item-option', { hasText: '专职安全员继续教育' }).click();
    await ent
      .locator('.ant-modal')
      .getByRole('button', { name: /报\s*名/ })
      .click();
    await ent.getByText('已报名，持证人登录后可在“在线学习”中学习').waitFor();

    // The holder signs up (the account attaches to the filed person, unconfirmed), is confirmed by the employer, finds the course in 在线学习 on a phone and starts it.
    const holder = await newPage(e, { width: 375, height: 800 });
    await holder.goto(`${e.baseUrl}/register`);
    await holder.getByLabel('姓名').fill('马国强');
    await holder.getByLabel('身份证号').fill(idNumber);
    await holder.getByLabel('手机号').fill('13700000088');
    await holder.getByLabel('密码', { exact: true }).fill('Ma#20261125');
    await holder.getByLabel('确认密码').fill('Ma#20261125');
    await holder.getByRole('button', { name: /注\s*册/ }).click();
    await holder.getByText('注册成功').waitFor();
    await login(holder, e, '13700000088', 'Ma#20261125');
    await holder.getByTestId('home').waitFor();
    // Registering with the holder's ID number is not enough to see their certificate: the employer confirms the account.
    await holder.goto(`${e.baseUrl}/my-certificates`);
    await holder.getByText('账号身份待确认').waitFor();
    await screenshot(holder, 'identity-pending-phone');
    await ent.getByRole('menuitem', { name: '账号身份确认' }).click();
    await ent
      .getByRole('row', { name: /马国强/ })
      .getByRole('button', { name: '确认身份' })
      .click();
    await ent.locator('.ant-modal-confirm').getByRole('button', { name: '确认身份' }).click();
    await ent.getByText('已确认账号身份').waitFor();
    await screenshot(ent, 'identity-confirmed');
    await ent.getByRole('menuitem', { name: '本企业人员' }).click();
    await holder.reload();
    await holder.getByText(number).waitFor();
    await holder.goto(`${e.baseUrl}/study`);
    await holder.getByText(/继续教育 · C1 专职安全生产管理人员（机械）/).waitFor();
    await holder.getByText('机械设备安全管理新规').waitFor();
    await screenshot(holder, 'continuing-study-phone');
    await holder
      .getByRole('button', { name: /学\s*习/ })
      .first()
      .click();
    await holder.waitForURL(/\/study\/lessons\//);
    await holder.getByText('机械设备安全管理新规').first().waitFor();
    await holder.context().close();

    // 24 学时 of study, written to the ledger as the learning engine writes it (a real 24 学时 would take 18 hours;
    // the engine, its snapshots and its ledger have their own browser journey).
    const [cert] = await e.t.deps.db.select().from(certificates).where(eq(certificates.number, number));
    const [{ lessonId }] = await e.t.deps.db
      .select({ lessonId: lessons.id })
      .from(lessons)
      .innerJoin(courses, eq(courses.id, lessons.courseId))
      .where(eq(courses.title, '专职安全员继续教育'));
    const at = new Date(Date.now() - 10 * 86_400_000);
    const [session] = await e.t.deps.db
      .insert(studySessions)
      .values({ personId: cert.personId, lessonId, startedAt: at, lastHeartbeatAt: at, endedAt: at })
      .returning();
    await e.t.deps.db.insert(studyLedger).values({
      personId: cert.personId,
      lessonId,
      sessionId: session.id,
      fromAt: at,
      toAt: new Date(at.getTime() + 24 * 2_700_000),
      seconds: 24 * 2700,
      valid: true,
    });

    // 延期申请 on screen, 延期审核 on screen.
    await ent.reload();
    await ent
      .getByRole('row', { name: /马国强/ })
      .getByRole('button', { name: '申请延期' })
      .click();
    await ent.locator('.ant-modal-confirm').getByRole('button', { name: '提交申请' }).click();
    await ent.getByText('延期申请已提交，等待主管部门审核').waitFor();
    await city.getByRole('menuitem', { name: '延期审核' }).click();
    const request = city.getByRole('row', { name: /马国强/ });
    await request.getByRole('cell', { name: '24', exact: true }).first().waitFor();
    await screenshot(city, 'extension-review');
    await request.getByRole('button', { name: '批准' }).click();
    await city
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /批\s*准/ })
      .click();
    const newExpiry = addYears(expiresOn, 3);
    await city.getByText(`已批准，有效期延至 ${newExpiry}`).waitFor();

    const phone = await newPage(e, { width: 375, height: 740 });
    await phone.goto(`${e.baseUrl}/registry`);
    await phone.getByRole('textbox', { name: '证书编号' }).fill(number);
    await phone
      .getByRole('button', { name: /查\s*询/ })
      .first()
      .click();
    await phone.getByText(newExpiry).waitFor();
    await screenshot(phone, 'extension-public');
    expect(await phone.getByText('有效', { exact: true }).count()).toBeGreaterThan(0);
  });
});
