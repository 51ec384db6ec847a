import { eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY_POLICY } from '../src/shared/domain/security-policy.js';
import { accounts, accountTotp } from '../src/server/db/schema/index.js';
import { getSecurityPolicy, saveSecurityPolicy } from '../src/server/modules/settings/security-policy.js';
import { newTotpSecret } from '../src/server/modules/auth/totp.js';
import type { Role } from '../src/shared/domain/roles.js';
import { DEMO_CANDIDATE, DEMO_PASSWORD } from '../src/server/modules/bootstrap/demo-data.js';
import { login, newPage, screenshot, startE2E, type E2E } from './browser.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(async () => e?.close());

const ROLES: { login: string; role: Role; menu: string[] }[] = [
  {
    login: DEMO_CANDIDATE.idNumber,
    role: 'candidate',
    menu: ['首页', '在线报名', '在线学习', '考试', '我的证书', '操作指南', '站内消息', '修改密码'],
  },
  {
    login: 'demo-ent-a',
    role: 'enterprise',
    menu: [
      '首页',
      '本企业人员',
      '报名确认',
      '成绩查询',
      '原持证人员备案',
      '人员变更申请',
      '延期申请',
      '本企业证书',
      '账号身份确认',
      '操作指南',
      '站内消息',
      '修改密码',
    ],
  },
  { login: 'demo-training', role: 'training', menu: ['首页', '课程管理', '站内消息', '修改密码'] },
  {
    login: 'demo-city-cc',
    role: 'city',
    menu: [
      '首页',
      '学员报名审核',
      '达到学时人数',
      '考场管理',
      '合格名单',
      '证书管理',
      '全国平台上报',
      '备案核验',
      '人员变更审核',
      '延期审核',
      '单位变更审核',
      '账号身份确认',
      '账号管理',
      '考试管理端凭证',
      '操作指南',
      '站内消息',
      '修改密码',
    ],
  },
  {
    login: 'demo-province',
    role: 'province',
    menu: [
      '首页',
      '课程管理',
      '学员报名审核',
      '达到学时人数',
      '考场管理',
      '确认成绩名单',
      '证书管理',
      '全国平台上报',
      '备案核验',
      '人员变更审核',
      '延期审核',
      '单位变更审核',
      '账号管理',
      '地区设置',
      '操作指南',
      '站内消息',
      '修改密码',
    ],
  },
  { login: 'demo-sysadmin', role: 'sysadmin', menu: ['首页', '账号管理', '站内消息', '修改密码'] },
  { login: 'demo-secadmin', role: 'secadmin', menu: ['首页', '安全策略', '站内消息', '修改密码'] },
  { login: 'demo-auditadmin', role: 'auditadmin', menu: ['首页', '审计日志', '站内消息', '修改密码'] },
];

describe('login and home', () => {
  it('shows the login page', async () => {
    const page = await newPage(e);
    await page.goto(`${e.baseUrl}/`);
    await page.waitForURL(/\/login/);
    await page.getByText('建设工程安管人员管理系统').waitFor();
    await screenshot(page, 'login');
    const phone = await newPage(e, { width: 375, height: 740 });
    await phone.goto(`${e.baseUrl}/login`);
    await phone.getByRole('button', { name: /登\s*录/ }).waitFor();
    await screenshot(phone, 'login-375');
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
  });

  for (const r of ROLES) {
    it(`${r.role} logs in and sees its home page and menu`, async () => {
      const page = await newPage(e);
      await login(page, e, r.login, DEMO_PASSWORD);
      const home = page.getByTestId('home');
      await home.waitFor();
      expect(await home.getAttribute('data-role')).toBe(r.role);
      const menu = await page.locator('.ant-layout-sider .ant-menu-item').allInnerTexts();
      expect(menu.map((m) => m.trim())).toEqual(r.menu);
      await screenshot(page, `home-${r.role}`);
      await page.context().close();
    });
  }

  it('shows a clear message for a wrong password', async () => {
    const page = await newPage(e);
    await login(page, e, 'demo-ent-b', 'Wrong@2026');
    await expect(page.getByTestId('login-error').innerText()).resolves.toContain('账号或密码错误');
    await page.context().close();
  });

  it('locks the account at the 5th wrong password; the 6th attempt shows the lock', async () => {
    const page = await newPage(e);
    for (let i = 1; i <= 6; i++) {
      await login(page, e, 'demo-city-jl', `Wrong@${i}000`);
      await page.getByTestId('login-error').waitFor();
    }
    await expect(page.getByTestId('login-error').innerText()).resolves.toMatch(/账号已锁定/);
    await screenshot(page, 'login-locked');
    // Even the right password is refused while locked.
    await login(page, e, 'demo-city-jl', DEMO_PASSWORD);
    await expect(page.getByTestId('login-error').innerText()).resolves.toMatch(/账号已锁定/);
    await page.context().close();
  });

  it('an issued account must change its password at first login', async () => {
    const city = await newPage(e);
    await login(city, e, 'demo-city-cc', DEMO_PASSWORD);
    await city.getByTestId('home').waitFor();
    await city.getByRole('menuitem', { name: '账号管理' }).click();
    await city.getByRole('button', { name: /新建账号/ }).click();
    const dialog = city.locator('.ant-modal').filter({ hasText: '新建账号' });
    // A city authority issues enterprise accounts; it is the default role of the form.
    await dialog.locator('.ant-select-content[title="企业"]').waitFor();
    await dialog.getByLabel('企业名称').fill('长春安达建筑有限公司');
    await dialog.getByLabel('统一社会信用代码').fill('91350100M000100Y44');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await dialog.getByText('统一社会信用代码校验位错误，请核对').waitFor();
    await dialog.getByLabel('统一社会信用代码').fill('91350100M000100Y43');
    await dialog.getByLabel('登录账号').fill('anda-jz');
    await screenshot(city, 'create-enterprise');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    const issued = city.getByTestId('issued-password');
    await issued.waitFor();
    await screenshot(city, 'issued-password');
    const password = (await issued.locator('code').innerText()).trim();
    expect(password.length).toBeGreaterThanOrEqual(12);
    await city.context().close();

    const ent = await newPage(e);
    await login(ent, e, 'anda-jz', password);
    await ent.waitForURL(/\/change-password/);
    await ent.getByTestId('must-change').waitFor();
    // Going elsewhere sends the account back to the password change.
    await ent.goto(`${e.baseUrl}/`);
    await ent.waitForURL(/\/change-password/);
    await screenshot(ent, 'must-change-password');
    await ent.getByLabel('原密码').fill(password);
    await ent.getByLabel('新密码', { exact: true }).fill('weakpass');
    await ent.getByLabel('确认新密码').fill('weakpass');
    await ent.getByRole('button', { name: /确认修改/ }).click();
    await ent.getByText('密码需包含大写字母、小写字母、数字、特殊符号中的至少3类').first().waitFor();
    await ent.getByLabel('新密码', { exact: true }).fill('Anda#2026jz');
    await ent.getByLabel('确认新密码').fill('Anda#2026jz');
    await ent.getByRole('button', { name: /确认修改/ }).click();
    await ent.getByTestId('home').waitFor();
    expect(await ent.getByTestId('home').getAttribute('data-role')).toBe('enterprise');
    await ent.context().close();
  });

  it('a candidate registers, is told the ID number is wrong, then signs in', async () => {
    const page = await newPage(e, { width: 375, height: 800 });
    await page.goto(`${e.baseUrl}/register`);
    await page.getByLabel('姓名').fill('王芳');
    await page.getByLabel('身份证号').fill('110105194912310021');
    await page.getByLabel('手机号').fill('13700000005');
    await page.getByText('身份证号校验位错误，请核对').waitFor();
    await page.getByLabel('身份证号').fill('11010519491231002X');
    await page.getByText('1949-12-31').waitFor();
    await page.getByLabel('密码', { exact: true }).fill('Wang#2026');
    await page.getByLabel('确认密码').fill('Wang#2026');
    await screenshot(page, 'register-375');
    await page.getByRole('button', { name: /注\s*册/ }).click();
    await page.getByText('注册成功').waitFor();
    await login(page, e, '13700000005', 'Wang#2026');
    await page.getByTestId('home').waitFor();
    await page.getByText('110105********002X').waitFor();
    await screenshot(page, 'home-candidate-375');
    await page.context().close();
  });

  it('under the shipped policy the province enrols an authenticator at first login, then signs in with password and code', async () => {
    // The harness runs the other journeys with no role required to enrol; this one runs under the default policy.
    const before = await getSecurityPolicy(e.t.deps.db);
    await saveSecurityPolicy(e.t.deps.db, { ...before, twoFactorRoles: [...DEFAULT_SECURITY_POLICY.twoFactorRoles] }, null);
    const [province] = await e.t.deps.db.select().from(accounts).where(eq(accounts.username, 'demo-province'));
    try {
      const page = await newPage(e);
      await login(page, e, 'demo-province', DEMO_PASSWORD);
      await page.waitForURL(/\/two-factor/);
      await page.getByTestId('must-enrol').waitFor();
      // Nothing else opens until the enrolment is done.
      await page.goto(`${e.baseUrl}/accounts`);
      await page.waitForURL(/\/two-factor/);
      await page.getByRole('button', { name: /生成二维码/ }).click();
      await page.getByTestId('totp-qr').waitFor();
      await screenshot(page, 'two-factor-enrol');
      // What a person types into the app by hand when the camera fails: the key shown beside the QR code.
      const shown = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
      expect(shown).toMatch(/^[A-Z2-7]{32}$/);
      const totp = new TOTP({ secret: Secret.fromBase32(shown), digits: 6, period: 30, algorithm: 'SHA1' });
      await page.getByLabel('6位验证码').fill(totp.generate());
      await page.getByRole('button', { name: /验证并启用/ }).click();
      const codes = page.getByTestId('recovery-codes');
      await codes.waitFor();
      const recovery = (await codes.innerText()).split(/\s+/).filter(Boolean);
      expect(recovery).toHaveLength(10);
      await screenshot(page, 'two-factor-recovery-codes');
      await page.getByRole('button', { name: /我已保存恢复码/ }).click();
      await page.getByTestId('home').waitFor();
      expect(await page.getByTestId('home').getAttribute('data-role')).toBe('province');

      await page.getByTestId('user-menu').hover();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /退\s*出/ })
        .click();
      // The sign-in form is the condition (a client-side navigation has no load event to wait for).
      // This wait failed twice on loaded clean-clone runs and never locally: keep what the page showed.
      await page
        .getByLabel('账号')
        .waitFor()
        .catch(async (err: Error) => {
          await screenshot(page, 'logout-did-not-reach-login');
          throw new Error(`${err.message}\n页面停在 ${page.url()}`);
        });

      await login(page, e, 'demo-province', DEMO_PASSWORD);
      await page.getByTestId('code-prompt').waitFor();
      await screenshot(page, 'login-code-prompt');
      await page.getByLabel('动态验证码').fill(totp.generate() === '000000' ? '111111' : '000000');
      await page.getByRole('button', { name: /验证并登录/ }).click();
      await expect(page.getByTestId('login-error').innerText()).resolves.toContain('动态验证码错误');
      // The code of the enrolment's window is spent; the next window's code is within the drift allowance.
      await page.getByLabel('动态验证码').fill(totp.generate({ timestamp: Date.now() + 30_000 }));
      await page.getByRole('button', { name: /验证并登录/ }).click();
      await page.getByTestId('home').waitFor();
      expect(await page.getByTestId('home').getAttribute('data-role')).toBe('province');
      await page.context().close();
    } finally {
      await saveSecurityPolicy(e.t.deps.db, before, null);
      await e.t.deps.db.delete(accountTotp).where(eq(accountTotp.accountId, province.id));
      await e.t.deps.db.update(accounts).set({ failedLoginCount: 0, lockedUntil: null }).where(eq(accounts.id, province.id));
    }
  });

  it('the security administrator makes enterprises enrol; the province resets the second factor of a city', async () => {
    const before = await getSecurityPolicy(e.t.deps.db);
    // The secadmin itself left out, so this journey needs no code of its own.
    await saveSecurityPolicy(
      e.t.deps.db,
      { ...before, twoFactorRoles: DEFAULT_SECURITY_POLICY.twoFactorRoles.filter((r) => r !== 'secadmin' && r !== 'province') },
      null,
    );
    const [city] = await e.t.deps.db.select().from(accounts).where(eq(accounts.username, 'demo-city-cc'));
    try {
      const sec = await newPage(e);
      await login(sec, e, 'demo-secadmin', DEMO_PASSWORD);
      await sec.getByTestId('home').waitFor();
      await sec.getByRole('menuitem', { name: '安全策略' }).click();
      const roles = sec.getByTestId('two-factor-roles');
      await roles.waitFor();
      expect(await roles.getByRole('checkbox', { name: '市(州)主管部门' }).isChecked()).toBe(true);
      expect(await roles.getByRole('checkbox', { name: '企业' }).isChecked()).toBe(false);
      await roles.getByText('企业', { exact: true }).click();
      await screenshot(sec, 'security-policy-two-factor');
      await sec.getByRole('button', { name: /保\s*存/ }).click();
      await sec.getByText('安全策略已保存').waitFor();
      expect((await getSecurityPolicy(e.t.deps.db)).twoFactorRoles).toContain('enterprise');
      await sec.context().close();

      // The city's phone is lost: its issuer, the province, resets the second factor on 账号管理.
      await e.t.deps.db
        .insert(accountTotp)
        .values({ accountId: city.id, secretEnc: e.t.deps.crypto.encrypt(newTotpSecret()), confirmedAt: new Date() });
      const province = await newPage(e);
      await login(province, e, 'demo-province', DEMO_PASSWORD);
      await province.getByTestId('home').waitFor();
      await province.getByRole('menuitem', { name: '账号管理' }).click();
      const row = province.getByRole('row', { name: /长春市住房和城乡建设局/ });
      await row.getByRole('button', { name: '重置双因素' }).click();
      await province
        .locator('.ant-modal-confirm-title', { hasText: '确认重置「长春市住房和城乡建设局」的双因素认证？' })
        .waitFor();
      await screenshot(province, 'reset-two-factor');
      await province.locator('.ant-modal-confirm').getByRole('button', { name: '重置双因素' }).click();
      await province.getByText('双因素认证已重置').waitFor();
      await row.getByRole('button', { name: '重置密码' }).waitFor();
      expect(await row.getByRole('button', { name: '重置双因素' }).count()).toBe(0);
      expect(await e.t.deps.db.select().from(accountTotp).where(eq(accountTotp.accountId, city.id))).toEqual([]);
      await province.context().close();
    } finally {
      await saveSecurityPolicy(e.t.deps.db, before, null);
      await e.t.deps.db.delete(accountTotp).where(eq(accountTotp.accountId, city.id));
    }
  });

  it('an unknown page shows 404', async () => {
    const page = await newPage(e);
    await page.goto(`${e.baseUrl}/no-such-page`);
    await page.getByText('您访问的页面不存在').waitFor();
    await page.context().close();
  });
});
