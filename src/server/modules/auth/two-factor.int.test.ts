import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret, TOTP } from 'otpauth';
import { DEFAULT_SECURITY_POLICY } from '../../../shared/domain/security-policy.js';
import { createTestApp, type Client, type TestApp } from '../../../../test/harness.js';
import { accounts, accountTotp, auditEvents, pendingLogins, recoveryCodes, sessions } from '../../db/schema/index.js';
import { DEMO_CANDIDATE, DEMO_PASSWORD } from '../bootstrap/demo-data.js';

/**
 * Under the shipped policy: authorities and operators must enrol a TOTP second
 * factor, enterprises and institutions may, candidates are not asked. The clock
 * is the test's, so "the next 30-second window" is one assignment away.
 */
let now = new Date();
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ twoFactor: 'policy', now: () => now });
});
afterAll(async () => t?.close());

const nextWindow = () => {
  now = new Date(now.getTime() + 30_000);
};
const codeFor = (secret: string) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: now.getTime(),
  });
const secrets: Record<string, string> = {};

async function accountId(username: string) {
  const [a] = await t.deps.db.select().from(accounts).where(eq(accounts.username, username));
  return a.id;
}

async function passwordStep(username: string, password = DEMO_PASSWORD): Promise<{ client: Client; pendingToken: string }> {
  const client = await t.anonymous();
  const res = await client.post('/api/auth/login', { username, password });
  expect(res.status).toBe(200);
  expect(res.body.codeRequired).toBe(true);
  return { client, pendingToken: res.body.pendingToken };
}

/** Password, then a fresh code of the next window (a code is good once). */
async function signIn(username: string, password = DEMO_PASSWORD): Promise<Client> {
  const { client, pendingToken } = await passwordStep(username, password);
  nextWindow();
  const res = await client.post('/api/auth/login/code', { pendingToken, code: codeFor(secrets[username]) });
  expect(res.status).toBe(200);
  return client;
}

async function enrol(client: Client, username: string): Promise<string[]> {
  const started = await client.post('/api/auth/two-factor/enrolment');
  expect(started.status).toBe(200);
  secrets[username] = started.body.secret;
  nextWindow();
  const confirmed = await client.post('/api/auth/two-factor/enrolment/confirm', { code: codeFor(started.body.secret) });
  expect(confirmed.status).toBe(200);
  return confirmed.body.recoveryCodes;
}

describe('enrolment', () => {
  let recovery: string[] = [];

  it('the province must enrol at first login: until then only me, logout, password change and enrolment answer', async () => {
    const c = await t.anonymous();
    const res = await c.post('/api/auth/login', { username: 'demo-province', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ role: 'province', mustEnrolTwoFactor: true });
    const blocked = await c.get('/api/accounts');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error).toEqual({
      code: 'TWO_FACTOR_ENROLMENT_REQUIRED',
      message: '安全策略要求启用双因素认证，请先绑定验证器',
    });
    expect((await c.get('/api/auth/me')).body.account.mustEnrolTwoFactor).toBe(true);
    expect((await c.get('/api/auth/two-factor')).body).toEqual({ enrolled: false, required: true, recoveryCodesLeft: 0 });

    const started = await c.post('/api/auth/two-factor/enrolment');
    expect(started.status).toBe(200);
    expect(started.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*demo-province\?.*secret=/);
    expect(started.body.otpauthUri).toContain(`issuer=${encodeURIComponent('安管通')}`);
    expect(started.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const [stored] = await t.deps.db
      .select()
      .from(accountTotp)
      .where(eq(accountTotp.accountId, await accountId('demo-province')));
    expect(stored.secretEnc).not.toContain(started.body.secret);
    expect(t.deps.crypto.decrypt(stored.secretEnc)).toBe(started.body.secret);
    expect(stored.confirmedAt).toBeNull();

    const wrong = await c.post('/api/auth/two-factor/enrolment/confirm', {
      code: '000000' === codeFor(started.body.secret) ? '111111' : '000000',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.field).toBe('code');
    expect((await c.get('/api/accounts')).status).toBe(403);

    nextWindow();
    const confirmed = await c.post('/api/auth/two-factor/enrolment/confirm', { code: codeFor(started.body.secret) });
    expect(confirmed.status).toBe(200);
    recovery = confirmed.body.recoveryCodes;
    secrets['demo-province'] = started.body.secret;
    expect(recovery).toHaveLength(10);
    expect(new Set(recovery).size).toBe(10);
    for (const code of recovery) expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    const hashes = await t.deps.db
      .select()
      .from(recoveryCodes)
      .where(eq(recoveryCodes.accountId, await accountId('demo-province')));
    expect(hashes).toHaveLength(10);
    expect(JSON.stringify(hashes)).not.toContain(recovery[0]);
    expect(JSON.stringify(hashes)).not.toContain(recovery[0].replace('-', ''));

    // The same session goes on, now unrestricted.
    expect((await c.get('/api/accounts')).status).toBe(200);
    expect((await c.get('/api/auth/two-factor')).body).toEqual({ enrolled: true, required: true, recoveryCodesLeft: 10 });
    expect((await c.post('/api/auth/two-factor/enrolment')).status).toBe(409);
    const events = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'auth.two_factor_enrolled'));
    expect(events.some((e) => e.actorName === 'demo-province' && e.outcome === 'success')).toBe(true);
  });

  it('gives no session for the password alone; the code completes the login', async () => {
    const id = await accountId('demo-province');
    const before = await t.deps.db.select().from(sessions).where(eq(sessions.accountId, id));
    const { client, pendingToken } = await passwordStep('demo-province');
    expect(client.cookies.agt_sid).toBeUndefined();
    expect((await client.get('/api/auth/me')).body.account).toBeNull();
    expect((await client.get('/api/accounts')).status).toBe(401);
    expect(await t.deps.db.select().from(sessions).where(eq(sessions.accountId, id))).toHaveLength(before.length);
    // The pending token is stored as a keyed hash, bound to the account, short-lived.
    const [pending] = await t.deps.db
      .select({
        row: pendingLogins,
        minutes: sql<number>`round(extract(epoch from ${pendingLogins.expiresAt} - now()) / 60)::int`,
      })
      .from(pendingLogins)
      .where(eq(pendingLogins.tokenHash, t.deps.sessions.hash(pendingToken)));
    expect(pending.row.accountId).toBe(id);
    expect(pending.minutes).toBe(5);

    nextWindow();
    const res = await client.post('/api/auth/login/code', { pendingToken, code: codeFor(secrets['demo-province']) });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ role: 'province', mustEnrolTwoFactor: false });
    expect(client.cookies.agt_sid).toBeTruthy();
    expect((await client.get('/api/accounts')).status).toBe(200);
    // Single use: the same token does not open a second session.
    nextWindow();
    const again = await (
      await t.anonymous()
    ).post('/api/auth/login/code', { pendingToken, code: codeFor(secrets['demo-province']) });
    expect(again.status).toBe(401);
    expect(again.body.error.message).toBe('登录已超时，请重新输入账号和密码');
  });

  it('refuses a code used once already, and an older code of the same window', async () => {
    const first = await passwordStep('demo-province');
    nextWindow();
    const code = codeFor(secrets['demo-province']);
    expect((await first.client.post('/api/auth/login/code', { pendingToken: first.pendingToken, code })).status).toBe(200);
    const second = await passwordStep('demo-province');
    const replay = await second.client.post('/api/auth/login/code', { pendingToken: second.pendingToken, code });
    expect(replay.status).toBe(401);
    expect(replay.body.error).toMatchObject({ code: 'UNAUTHENTICATED', field: 'code' });
    // One step later the previous window's code is still within the drift allowance, but it is older than the last one used.
    const older = codeFor(secrets['demo-province']);
    nextWindow();
    expect((await second.client.post('/api/auth/login/code', { pendingToken: second.pendingToken, code: older })).status).toBe(
      401,
    );
    expect(
      (
        await second.client.post('/api/auth/login/code', {
          pendingToken: second.pendingToken,
          code: codeFor(secrets['demo-province']),
        })
      ).status,
    ).toBe(200);
    await t.deps.db.update(accounts).set({ failedLoginCount: 0 }).where(eq(accounts.username, 'demo-province'));
  });

  it('counts wrong codes toward the same lock as wrong passwords', async () => {
    const anon = await t.anonymous();
    for (let i = 0; i < 2; i++)
      expect((await anon.post('/api/auth/login', { username: 'demo-province', password: 'Wrong@2026' })).status).toBe(401);
    const wrongCodes = async () =>
      (
        await t.deps.db
          .select()
          .from(auditEvents)
          .where(
            and(
              eq(auditEvents.action, 'auth.login'),
              eq(auditEvents.targetId, a.id),
              sql`${auditEvents.detail}->>'reason' = 'wrong_code'`,
            ),
          )
      ).length;
    const [a] = await t.deps.db.select().from(accounts).where(eq(accounts.username, 'demo-province'));
    const before = await wrongCodes();
    const { client, pendingToken } = await passwordStep('demo-province');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await client.post('/api/auth/login/code', { pendingToken, code: `00000${i}` })).status);
    expect(statuses).toEqual([401, 401, 423]);
    const [after] = await t.deps.db.select().from(accounts).where(eq(accounts.id, a.id));
    expect(after.failedLoginCount).toBe(5);
    // Locked: no half-finished login survives, and the right code is refused.
    expect(await t.deps.db.select().from(pendingLogins).where(eq(pendingLogins.accountId, a.id))).toEqual([]);
    nextWindow();
    const right = await client.post('/api/auth/login/code', { pendingToken, code: codeFor(secrets['demo-province']) });
    expect(right.status).toBe(401);
    expect((await wrongCodes()) - before).toBe(3);
    await t.deps.db.update(accounts).set({ failedLoginCount: 0, lockedUntil: null }).where(eq(accounts.id, a.id));
  });

  it('a recovery code works once, in place of the 6-digit code', async () => {
    const first = await passwordStep('demo-province');
    const res = await first.client.post('/api/auth/login/code', {
      pendingToken: first.pendingToken,
      code: recovery[3].toLowerCase(),
    });
    expect(res.status).toBe(200);
    expect((await first.client.get('/api/auth/two-factor')).body.recoveryCodesLeft).toBe(9);
    const second = await passwordStep('demo-province');
    expect(
      (await second.client.post('/api/auth/login/code', { pendingToken: second.pendingToken, code: recovery[3] })).status,
    ).toBe(401);
    // Another account's code is no code at all.
    expect(
      (await second.client.post('/api/auth/login/code', { pendingToken: second.pendingToken, code: 'ABCDE-FGHJK' })).status,
    ).toBe(401);
    const [success] = await t.deps.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'auth.login'),
          eq(auditEvents.outcome, 'success'),
          sql`${auditEvents.detail}->>'secondFactor' = 'recovery_code'`,
        ),
      );
    expect(success).toBeDefined();
    await t.deps.db.update(accounts).set({ failedLoginCount: 0 }).where(eq(accounts.username, 'demo-province'));
  });

  it('an expired pending login is refused', async () => {
    const { client, pendingToken } = await passwordStep('demo-province');
    await t.deps.db
      .update(pendingLogins)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(pendingLogins.tokenHash, t.deps.sessions.hash(pendingToken)));
    nextWindow();
    expect((await client.post('/api/auth/login/code', { pendingToken, code: codeFor(secrets['demo-province']) })).status).toBe(
      401,
    );
  });

  it('the forced password change comes first, then enrolment', async () => {
    const admin = t.installed.find((c) => c.role === 'secadmin')!;
    const c = await t.anonymous();
    const res = await c.post('/api/auth/login', { username: admin.username, password: admin.password });
    expect(res.body.account).toMatchObject({ mustChangePassword: true, mustEnrolTwoFactor: true });
    const early = await c.post('/api/auth/two-factor/enrolment');
    expect(early.status).toBe(403);
    expect(early.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(
      (await c.post('/api/auth/change-password', { currentPassword: admin.password, newPassword: 'Secadmin#2027' })).status,
    ).toBe(200);
    expect((await c.get('/api/settings/security-policy')).body.error.code).toBe('TWO_FACTOR_ENROLMENT_REQUIRED');
    await enrol(c, admin.username);
    expect((await c.get('/api/settings/security-policy')).status).toBe(200);
  });
});

describe('policy per role', () => {
  it('by default enterprises and institutions may enrol, candidates are not asked', async () => {
    for (const login of ['demo-ent-a', 'demo-training', DEMO_CANDIDATE.idNumber]) {
      const c = await t.login(login);
      expect((await c.get('/api/auth/me')).body.account.mustEnrolTwoFactor).toBe(false);
      expect((await c.get('/api/home')).status).toBe(200);
    }
    // Optional means possible: the training institution enrols of its own accord and then needs the code.
    const training = await t.login('demo-training');
    expect((await training.get('/api/auth/two-factor')).body).toMatchObject({ enrolled: false, required: false });
    await enrol(training, 'demo-training');
    const signedIn = await signIn('demo-training');
    expect((await signedIn.get('/api/home')).status).toBe(200);
  });

  it('only the security administrator makes it mandatory for a role, audited', async () => {
    const sec = await signIn(t.installed.find((c) => c.role === 'secadmin')!.username, 'Secadmin#2027');
    const policy = (await sec.get('/api/settings/security-policy')).body;
    expect(policy.twoFactorRoles).toEqual(DEFAULT_SECURITY_POLICY.twoFactorRoles);
    const sys = await t.anonymous();
    await sys.post('/api/auth/login', { username: 'demo-sysadmin', password: DEMO_PASSWORD });
    await enrol(sys, 'demo-sysadmin');
    const refused = await sys.put('/api/settings/security-policy', { ...policy, twoFactorRoles: [] });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    const bad = await sec.put('/api/settings/security-policy', { ...policy, twoFactorRoles: ['nobody'] });
    expect(bad.status).toBe(400);

    const ok = await sec.put('/api/settings/security-policy', {
      ...policy,
      twoFactorRoles: [...policy.twoFactorRoles, 'enterprise'],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.twoFactorRoles).toContain('enterprise');
    const ent = await t.login('demo-ent-a');
    expect((await ent.get('/api/auth/me')).body.account.mustEnrolTwoFactor).toBe(true);
    expect((await ent.get('/api/home')).body.error.code).toBe('TWO_FACTOR_ENROLMENT_REQUIRED');
    // A client that leaves the field out keeps it as it is.
    const { twoFactorRoles: _omitted, ...withoutRoles } = ok.body;
    expect((await sec.put('/api/settings/security-policy', withoutRoles)).body.twoFactorRoles).toContain('enterprise');
    const [event] = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'settings.security_policy_changed'));
    expect((event.detail as { after: { twoFactorRoles: string[] } }).after.twoFactorRoles).toContain('enterprise');

    expect((await sec.put('/api/settings/security-policy', policy)).status).toBe(200);
    expect((await ent.get('/api/home')).status).toBe(200);
  });
});

describe('reset of a second factor', () => {
  it('follows the issuer chain: the province resets a city, audited; the city enrols again', async () => {
    const city = await t.anonymous();
    await city.post('/api/auth/login', { username: 'demo-city-cc', password: DEMO_PASSWORD });
    await enrol(city, 'demo-city-cc');
    expect((await city.get('/api/home')).status).toBe(200);
    const cityId = await accountId('demo-city-cc');

    // Another city, an enterprise and the account itself may not.
    const otherCity = await t.anonymous();
    await otherCity.post('/api/auth/login', { username: 'demo-city-jl', password: DEMO_PASSWORD });
    await enrol(otherCity, 'demo-city-jl');
    expect((await otherCity.post(`/api/accounts/${cityId}/reset-two-factor`)).status).toBe(404);
    expect((await (await t.login('demo-ent-a')).post(`/api/accounts/${cityId}/reset-two-factor`)).status).toBe(403);
    expect((await city.post(`/api/accounts/${cityId}/reset-two-factor`)).status).toBe(404);

    const province = await signIn('demo-province');
    const list = await province.get('/api/accounts?role=city');
    expect(list.body.rows.find((r: { id: string }) => r.id === cityId).twoFactorEnrolled).toBe(true);
    const res = await province.post(`/api/accounts/${cityId}/reset-two-factor`);
    expect(res.status).toBe(200);
    // The lost phone's sessions end at once.
    expect((await city.get('/api/home')).status).toBe(401);
    expect(await t.deps.db.select().from(accountTotp).where(eq(accountTotp.accountId, cityId))).toEqual([]);
    expect(await t.deps.db.select().from(recoveryCodes).where(eq(recoveryCodes.accountId, cityId))).toEqual([]);
    const [event] = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'account.two_factor_reset'));
    expect(event).toMatchObject({ actorName: 'demo-province', targetId: cityId, outcome: 'success', jurisdictionCode: '220100' });

    const again = await t.anonymous();
    const login = await again.post('/api/auth/login', { username: 'demo-city-cc', password: DEMO_PASSWORD });
    expect(login.body.account.mustEnrolTwoFactor).toBe(true);
    // Nothing left to reset.
    const twice = await province.post(`/api/accounts/${cityId}/reset-two-factor`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe('该账号未启用双因素认证');
  });
});
