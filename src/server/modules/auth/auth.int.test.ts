import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { accounts, auditEvents, persons, sessions } from '../../db/schema/index.js';
import { DEMO_CANDIDATE } from '../bootstrap/demo-data.js';
import { CANNOT_REGISTER, REGISTRATION_LIMIT } from './register-candidate.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

async function auditOf(action: string) {
  return t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, action));
}

describe('login', () => {
  it('signs in with username, ID number or phone, sets an HttpOnly SameSite session cookie and audits', async () => {
    const c = await t.anonymous();
    const res = await c.request('POST', '/api/auth/login', { username: 'demo-city-cc', password: 'Demo@2026' });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ role: 'city', jurisdictionCode: '220100', jurisdictionName: '长春市' });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/agt_sid=[^;]+;.*HttpOnly/);
    expect(setCookie).toMatch(/agt_sid=[^;]+;.*SameSite=Strict/);
    expect((await t.login(DEMO_CANDIDATE.idNumber)).cookies.agt_sid).toBeTruthy();
    expect((await t.login(DEMO_CANDIDATE.phone)).cookies.agt_sid).toBeTruthy();
    const events = await auditOf('auth.login');
    expect(events.some((e) => e.outcome === 'success' && e.actorName === 'demo-city-cc' && e.ip)).toBe(true);
  });

  it('stores only a keyed hash of the session token', async () => {
    const c = await t.login('demo-province');
    const rows = await t.deps.db.select().from(sessions);
    expect(rows.some((r) => r.tokenHash === c.cookies.agt_sid)).toBe(false);
    expect(rows.some((r) => r.tokenHash === t.deps.sessions.hash(c.cookies.agt_sid))).toBe(true);
  });

  it('issues a new session id at every login and ends the previous one', async () => {
    const c = await t.login('demo-training');
    const first = c.cookies.agt_sid;
    await c.post('/api/auth/login', { username: 'demo-training', password: 'Demo@2026' });
    expect(c.cookies.agt_sid).not.toBe(first);
    const [old] = await t.deps.db
      .select()
      .from(sessions)
      .where(eq(sessions.tokenHash, t.deps.sessions.hash(first)));
    expect(old).toBeUndefined();
  });

  it('answers the same generic message for an unknown account and a wrong password', async () => {
    const c = await t.anonymous();
    const unknown = await c.post('/api/auth/login', { username: 'nobody', password: 'Whatever1!' });
    const wrong = await c.post('/api/auth/login', { username: 'demo-ent-b', password: 'Wrong@2026' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.error.message).toBe('账号或密码错误');
    expect(wrong.body.error.message).toBe('账号或密码错误');
    await t.deps.db.update(accounts).set({ failedLoginCount: 0 }).where(eq(accounts.username, 'demo-ent-b'));
  });

  it('locks the account for 15 minutes after 5 failures, audits it, and refuses even the right password', async () => {
    const c = await t.anonymous();
    const answers: number[] = [];
    for (let i = 0; i < 5; i++)
      answers.push((await c.post('/api/auth/login', { username: 'demo-ent-a', password: `Wrong@${i}xx` })).status);
    expect(answers).toEqual([401, 401, 401, 401, 423]);
    const sixth = await c.post('/api/auth/login', { username: 'demo-ent-a', password: 'Demo@2026' });
    expect(sixth.status).toBe(423);
    expect(sixth.body.error.message).toMatch(/账号已锁定/);
    const [a] = await t.deps.db
      .select({ minutes: sql<number>`round(extract(epoch from ${accounts.lockedUntil} - now()) / 60)::int` })
      .from(accounts)
      .where(eq(accounts.username, 'demo-ent-a'));
    expect(a.minutes).toBe(15);
    expect((await auditOf('auth.locked')).length).toBeGreaterThanOrEqual(1);
    // When the lock has run out, the right password works again and the counter restarts.
    await t.deps.db
      .update(accounts)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(accounts.username, 'demo-ent-a'));
    expect((await c.post('/api/auth/login', { username: 'demo-ent-a', password: 'Demo@2026' })).status).toBe(200);
  });

  // Lockout must not tell which usernames, ID numbers or phones exist (issue 11 item 9).
  it.each([
    ['an unknown username', 'no-such-user'],
    ['an unknown ID number', '110105194912310029'],
    ['an unknown phone', '13999999998'],
  ])('locks %s exactly like an existing account: same statuses, same messages', async (_what, identifier) => {
    const known = await t.anonymous();
    const unknown = await t.anonymous();
    const knownAnswers: [number, string][] = [];
    const unknownAnswers: [number, string][] = [];
    for (let i = 0; i < 6; i++) {
      const k = await known.post('/api/auth/login', { username: 'demo-training', password: `Wrong@${i}xx` });
      const u = await unknown.post('/api/auth/login', { username: identifier, password: `Wrong@${i}xx` });
      // The unlock time differs by the seconds between the two calls at most; compare the words.
      knownAnswers.push([k.status, k.body.error.message.replace(/\d\d:\d\d/, 'HH:mm')]);
      unknownAnswers.push([u.status, u.body.error.message.replace(/\d\d:\d\d/, 'HH:mm')]);
    }
    expect(knownAnswers.map(([s]) => s)).toEqual([401, 401, 401, 401, 423, 423]);
    expect(unknownAnswers).toEqual(knownAnswers);
    await t.deps.db
      .update(accounts)
      .set({ failedLoginCount: 0, lockedUntil: null })
      .where(eq(accounts.username, 'demo-training'));
  });

  it('counts failures of an unknown identifier in the database, whatever its spelling, for the lock time', async () => {
    const a = await t.anonymous();
    const b = await t.anonymous();
    for (let i = 0; i < 3; i++) await a.post('/api/auth/login', { username: ' Ghost-Lock ', password: 'Wrong@2026' });
    for (let i = 0; i < 2; i++) await b.post('/api/auth/login', { username: 'ghost-lock', password: 'Wrong@2026' });
    const locked = await b.post('/api/auth/login', { username: 'GHOST-LOCK', password: 'Wrong@2026' });
    expect(locked.status).toBe(423);
    expect(locked.body.error.message).toMatch(/^账号已锁定，请于 \d\d:\d\d 后再试$/);
  });

  it('keeps the typed identifier out of the audit log of a failed login', async () => {
    const c = await t.anonymous();
    await c.post('/api/auth/login', { username: '220102199901011234', password: 'Wrong@2026' });
    await c.post('/api/auth/login', { username: '13912345678', password: 'Wrong@2026' });
    await c.post('/api/auth/login', { username: DEMO_CANDIDATE.phone, password: 'Wrong@2026' });
    const text = JSON.stringify(await auditOf('auth.login'));
    expect(text).not.toContain('220102199901011234');
    expect(text).not.toContain('13912345678');
    expect(text).not.toContain(DEMO_CANDIDATE.phone);
    const failures = (await auditOf('auth.login')).filter((e) => e.outcome === 'failure');
    // A keyed hash still lets the audit administrator see repeated attempts on one identifier.
    expect(failures.every((e) => typeof (e.detail as { identifierHash?: string }).identifierHash === 'string')).toBe(true);
    await t.deps.db
      .update(accounts)
      .set({ failedLoginCount: 0, lockedUntil: null })
      .where(sql`${accounts.personId} is not null`);
  });

  it('limits failed login attempts per address', async () => {
    const c = await t.anonymous();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++)
      statuses.push((await c.post('/api/auth/login', { username: `ghost${i}`, password: 'x' }, { ip: '10.99.0.1' })).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    // Another address is unaffected.
    expect((await c.post('/api/auth/login', { username: 'ghost', password: 'x' }, { ip: '10.99.0.2' })).status).toBe(401);
  });
});

describe('sessions', () => {
  it('expires after 30 idle minutes and after 12 hours in total', async () => {
    const c = await t.login('demo-city-jl');
    expect((await c.get('/api/home')).status).toBe(200);
    const hash = t.deps.sessions.hash(c.cookies.agt_sid);
    await t.deps.db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '31 minutes'` })
      .where(eq(sessions.tokenHash, hash));
    await t.deps.changes.settled(); // the database's notice of the change reaches the session cache
    const idle = await c.get('/api/home');
    expect(idle.status).toBe(401);
    expect(idle.body.error.code).toBe('SESSION_EXPIRED');

    const d = await t.login('demo-city-jl');
    await t.deps.db
      .update(sessions)
      .set({ createdAt: sql`now() - interval '12 hours 1 minute'` })
      .where(eq(sessions.tokenHash, t.deps.sessions.hash(d.cookies.agt_sid)));
    await t.deps.changes.settled();
    expect((await d.get('/api/home')).body.error.code).toBe('SESSION_EXPIRED');
  });

  it('logout destroys the session on the server', async () => {
    const c = await t.login('demo-sysadmin');
    const token = c.cookies.agt_sid;
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    c.cookies.agt_sid = token; // replaying the old cookie does not work
    expect((await c.get('/api/home')).status).toBe(401);
    expect((await auditOf('auth.logout')).length).toBeGreaterThanOrEqual(1);
  });

  it('refuses state-changing requests without the CSRF token', async () => {
    const c = await t.login('demo-province');
    const res = await c.post(
      '/api/accounts',
      { role: 'city', username: 'csrf-x', displayName: '某市', jurisdictionCode: '220300' },
      { csrf: false },
    );
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF');
    const [created] = await t.deps.db.select().from(accounts).where(eq(accounts.username, 'csrf-x'));
    expect(created).toBeUndefined();
  });

  it('sets security headers and answers errors without internals', async () => {
    const c = await t.anonymous();
    const res = await c.request('GET', '/api/accounts');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: '请先登录' } });
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: '{not json',
      headers: {
        'content-type': 'application/json',
        cookie: `agt_csrf=${c.cookies.agt_csrf}`,
        'x-csrf-token': c.cookies.agt_csrf,
      },
    });
    expect(bad.statusCode).toBe(400);
    const missing = await c.post('/api/auth/login', { username: 'demo-province' });
    expect(missing.body.error).toEqual({ code: 'VALIDATION', message: '密码：不能为空', field: 'password' });
    expect(bad.json()).toEqual({ error: { code: 'VALIDATION', message: '请求格式错误' } });
  });
});

describe('installation accounts', () => {
  it('creates the province and three operator administrators with generated passwords that must be changed', async () => {
    expect(t.installed.map((c) => c.role).sort()).toEqual(['auditadmin', 'province', 'secadmin', 'sysadmin']);
    const admin = t.installed.find((c) => c.role === 'province')!;
    const c = await t.login(admin.username, admin.password);
    const me = await c.get('/api/auth/me');
    expect(me.body.account.mustChangePassword).toBe(true);
    const blocked = await c.get('/api/accounts');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await c.post('/api/auth/change-password', { currentPassword: admin.password, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toBe('新密码：密码长度至少8位');
    const ok = await c.post('/api/auth/change-password', { currentPassword: admin.password, newPassword: 'Province#2027' });
    expect(ok.status).toBe(200);
    expect((await c.get('/api/accounts')).status).toBe(200);
  });

  it('never installs twice', async () => {
    const { installIfNeeded } = await import('../bootstrap/install.js');
    expect(await installIfNeeded(t.deps)).toEqual([]);
  });
});

describe('candidate self-registration', () => {
  const valid = { name: '李娜', idNumber: '11010519491231002X', phone: '13900000002', password: 'Study@2026' };

  it('registers with a valid ID number, stores it encrypted, derives birth date and gender', async () => {
    const c = await t.anonymous();
    const res = await c.post('/api/auth/register', valid);
    expect(res.status).toBe(200);
    const [p] = await t.deps.db.select().from(persons).where(eq(persons.name, '李娜'));
    expect(p.idNumberEnc).not.toContain('110105');
    expect(p.birthDate).toBe('1949-12-31');
    expect(p.gender).toBe('female');
    const signedIn = await t.login('11010519491231002x', 'Study@2026');
    expect((await signedIn.get('/api/auth/me')).body.account.maskedIdNumber).toBe('110105********002X');
  });

  it.each([
    [{ idNumber: '110105194912310021' }, 'idNumber', '身份证号：身份证号校验位错误，请核对'],
    [{ idNumber: '110105194902300023' }, 'idNumber', '身份证号：身份证号中的出生日期不存在'],
    [{ phone: '1234' }, 'phone', '手机号：请输入11位手机号'],
    [{ password: 'password' }, 'password', '密码：密码需包含大写字母、小写字母、数字、特殊符号中的至少3类'],
    [{ name: 'A' }, 'name', '姓名：姓名应为2至30个字符'],
  ])('refuses %o with a message naming the field', async (change, field, message) => {
    const c = await t.anonymous();
    const res = await c.post('/api/auth/register', { ...valid, phone: '13900000009', ...change });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ field, message });
  });

  it('answers "already registered", "phone in use" and "another name" alike, leaving nothing behind', async () => {
    const before = await t.deps.db.select().from(persons);
    const c = await t.anonymous();
    const sameId = await c.post('/api/auth/register', { ...valid, phone: '13900000003' });
    const samePhone = await c.post('/api/auth/register', { ...valid, idNumber: '110105194912310046', phone: valid.phone });
    expect([sameId.status, samePhone.status]).toEqual([409, 409]);
    expect(sameId.body).toEqual(samePhone.body);
    expect(sameId.body.error).toEqual({ code: 'CONFLICT', message: CANNOT_REGISTER });
    expect((await t.deps.db.select().from(persons)).length).toBe(before.length);
  });

  it('limits registrations per address before any password is hashed', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < REGISTRATION_LIMIT.attempts + 1; i++) {
      statuses.push(
        (await (await t.anonymous()).post('/api/auth/register', { ...valid, name: 'A' }, { ip: '10.98.0.1' })).status,
      );
    }
    expect(statuses.slice(0, REGISTRATION_LIMIT.attempts).every((s) => s === 400)).toBe(true);
    const last = await (
      await t.anonymous()
    ).post('/api/auth/register', { ...valid, phone: '13900000077', idNumber: '110105194912310054' }, { ip: '10.98.0.1' });
    expect(last.status).toBe(429);
    expect(last.body.error.message).toBe(`注册次数过多，请${REGISTRATION_LIMIT.windowMinutes}分钟后再试`);
    expect((await (await t.anonymous()).post('/api/auth/register', { ...valid, name: 'A' }, { ip: '10.98.0.2' })).status).toBe(
      400,
    );
  });
});

describe('registering with the ID number of a person who has no account yet (a filed holder)', () => {
  const holder = { name: '周振国', idNumber: '220102198002020017' };

  it('needs the name on record, and even then sees none of their certificates until someone who checked them confirms', async () => {
    const { idNumberCheckChar, maskIdNumber } = await import('../../../shared/domain/id-number.js');
    const idNumber = holder.idNumber.slice(0, 17) + idNumberCheckChar(holder.idNumber.slice(0, 17));
    const [person] = await t.deps.db
      .insert(persons)
      .values({
        name: holder.name,
        idNumberEnc: t.deps.crypto.encrypt(idNumber),
        idNumberHash: t.deps.crypto.lookupHash('id', idNumber),
        idNumberMasked: maskIdNumber(idNumber),
        gender: 'male',
        birthDate: '1980-02-02',
      })
      .returning();
    const impostor = await (
      await t.anonymous()
    ).post('/api/auth/register', { name: '冒名者', idNumber, phone: '13900000101', password: 'Study@2026' });
    expect(impostor.status).toBe(409);
    expect(impostor.body.error.message).toBe(CANNOT_REGISTER);
    const res = await (
      await t.anonymous()
    ).post('/api/auth/register', { name: holder.name, idNumber, phone: '13900000102', password: 'Study@2026' });
    expect(res.status).toBe(200);
    const [account] = await t.deps.db.select().from(accounts).where(eq(accounts.personId, person.id));
    expect(account.identityVerifiedAt).toBeNull();
    const me = await (await t.login(idNumber, 'Study@2026')).get('/api/auth/me');
    expect(me.body.account.identityVerified).toBe(false);
  });
});
