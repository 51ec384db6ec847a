import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/harness.js';
import { accounts, auditEvents, enterprises } from '../../db/schema/index.js';
import { creditCodeCheckChar } from '../../../shared/domain/credit-code.js';

let t: TestApp;
let province: Client;
let cityCc: Client;
let cityJl: Client;
const code = (first17: string) => first17 + creditCodeCheckChar(first17);

beforeAll(async () => {
  t = await createTestApp();
  [province, cityCc, cityJl] = await Promise.all([t.login('demo-province'), t.login('demo-city-cc'), t.login('demo-city-jl')]);
});
afterAll(async () => t?.close());

describe('issuing accounts', () => {
  it('province issues a city-authority account whose holder must change the password at first login', async () => {
    const res = await province.post('/api/accounts', {
      role: 'city',
      username: 'siping-city',
      displayName: '四平市住房和城乡建设局',
      jurisdictionCode: '220300',
    });
    expect(res.status).toBe(200);
    const c = await t.login('siping-city', res.body.initialPassword);
    expect((await c.get('/api/accounts')).body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const [audit] = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.targetId, res.body.id));
    expect(audit).toMatchObject({ action: 'account.created', outcome: 'success', actorName: 'demo-province' });
  });

  it('province may not issue enterprise accounts; a city may not issue city accounts', async () => {
    const a = await province.post('/api/accounts', {
      role: 'enterprise',
      username: 'x-ent',
      displayName: '某企业',
      creditCode: code('91220101MA0Y3K7C2'),
      jurisdictionCode: '220100',
    });
    expect(a.status).toBe(400);
    expect(a.body.error.message).toBe('角色：省厅安全处不能创建企业账号');
    const b = await cityCc.post('/api/accounts', { role: 'city', username: 'x-city', displayName: '某市' });
    expect(b.status).toBe(400);
  });

  it('a city issues an enterprise account inside its own jurisdiction, whatever the form says', async () => {
    const creditCode = code('91220101MA0Y3K7D2');
    const res = await cityCc.post('/api/accounts', {
      role: 'enterprise',
      username: '',
      displayName: '长春路桥有限公司',
      creditCode,
      jurisdictionCode: '220200',
    });
    expect(res.status).toBe(200);
    expect(res.body.username).toBe(creditCode.toLowerCase());
    const [e] = await t.deps.db.select().from(enterprises).where(eq(enterprises.creditCode, creditCode));
    expect(e.jurisdictionCode).toBe('220100');
  });

  it('refuses a wrong credit code with the field named and leaves nothing behind', async () => {
    const before = (await t.deps.db.select().from(accounts)).length;
    const res = await cityCc.post('/api/accounts', {
      role: 'enterprise',
      username: 'bad-code',
      displayName: '错误企业',
      creditCode: '91220101MA0Y3K7D2X',
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      field: 'creditCode',
      message: '统一社会信用代码：统一社会信用代码校验位错误，请核对',
    });
    expect((await t.deps.db.select().from(accounts)).length).toBe(before);
  });

  it('refuses a duplicate credit code and a duplicate username in one transaction', async () => {
    const creditCode = code('91220101MA0Y3K7E2');
    expect(
      (await cityCc.post('/api/accounts', { role: 'enterprise', username: 'dup-a', displayName: '重复企业', creditCode })).status,
    ).toBe(200);
    const again = await cityCc.post('/api/accounts', {
      role: 'enterprise',
      username: 'dup-b',
      displayName: '重复企业',
      creditCode,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('统一社会信用代码：该企业已有账号');
    const sameName = await cityCc.post('/api/accounts', { role: 'training', username: 'dup-a', displayName: '某培训机构' });
    expect(sameName.status).toBe(409);
    const [b] = await t.deps.db.select().from(accounts).where(eq(accounts.username, 'dup-b'));
    expect(b).toBeUndefined();
  });
});

describe('jurisdiction scope', () => {
  it('a city lists only its own jurisdiction, the province everything it manages', async () => {
    const cc = await cityCc.get('/api/accounts?pageSize=100');
    expect(cc.body.rows.length).toBeGreaterThan(0);
    expect(cc.body.rows.every((r: { jurisdictionCode: string }) => r.jurisdictionCode === '220100')).toBe(true);
    const jl = await cityJl.get('/api/accounts?pageSize=100');
    expect(jl.body.rows.map((r: { username: string }) => r.username)).toEqual(['demo-ent-b']);
    const pr = await province.get('/api/accounts?pageSize=100');
    expect(new Set(pr.body.rows.map((r: { role: string }) => r.role))).toEqual(new Set(['city', 'training']));
  });

  it("another city's account answers 404 for every action, and nothing changes", async () => {
    const [entB] = await t.deps.db.select().from(accounts).where(eq(accounts.username, 'demo-ent-b'));
    for (const action of ['disable', 'enable', 'unlock', 'reset-password']) {
      const res = await cityCc.post(`/api/accounts/${entB.id}/${action}`, { reason: '越权测试' });
      expect(res.status, action).toBe(404);
      expect(res.body.error.message).toBe('账号不存在或无权访问');
    }
    const [after] = await t.deps.db.select().from(accounts).where(eq(accounts.id, entB.id));
    expect(after.disabledAt).toBeNull();
    expect(after.passwordHash).toBe(entB.passwordHash);
  });
});

describe('disable, enable, reset', () => {
  it('disabling ends the sessions at once; enabling lets the account back in', async () => {
    const ent = await t.login('demo-ent-a');
    expect((await ent.get('/api/home')).status).toBe(200);
    const [entA] = await t.deps.db.select().from(accounts).where(eq(accounts.username, 'demo-ent-a'));
    const noReason = await cityCc.post(`/api/accounts/${entA.id}/disable`, { reason: ' ' });
    expect(noReason.body.error.message).toBe('原因：请填写停用原因');
    expect((await cityCc.post(`/api/accounts/${entA.id}/disable`, { reason: '企业注销' })).status).toBe(200);
    expect((await ent.get('/api/home')).body.error.code).toBe('SESSION_EXPIRED');
    const again = await t.anonymous();
    const refused = await again.post('/api/auth/login', { username: 'demo-ent-a', password: 'Demo@2026' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/账号已停用/);
    expect((await cityCc.post(`/api/accounts/${entA.id}/disable`, { reason: '再次' })).body.error.code).toBe('INVALID_STATE');
    expect((await cityCc.post(`/api/accounts/${entA.id}/enable`)).status).toBe(200);
    expect((await t.login('demo-ent-a')).cookies.agt_sid).toBeTruthy();
  });

  it('resetting a password ends sessions and forces a change', async () => {
    const training = await t.login('demo-training');
    const [acc] = await t.deps.db.select().from(accounts).where(eq(accounts.username, 'demo-training'));
    const res = await province.post(`/api/accounts/${acc.id}/reset-password`);
    expect(res.status).toBe(200);
    expect((await training.get('/api/home')).status).toBe(401);
    const c = await t.login('demo-training', res.body.temporaryPassword);
    expect((await c.get('/api/auth/me')).body.account.mustChangePassword).toBe(true);
  });

  it('exports the visible accounts to Excel', async () => {
    const res = await cityCc.request('GET', '/api/accounts/export');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('exam-client credentials', () => {
  it('a city issues and revokes credentials of its own jurisdiction only', async () => {
    const issued = await cityCc.post('/api/exam-clients', { name: '长春市第一考点' });
    expect(issued.status).toBe(200);
    expect(issued.body.keyId).toMatch(/^ec_[0-9a-f]{16}$/);
    expect(issued.body.secret.length).toBeGreaterThan(30);
    const listed = await cityCc.get('/api/exam-clients');
    expect(JSON.stringify(listed.body)).not.toContain(issued.body.secret);
    expect((await cityJl.get('/api/exam-clients')).body.rows).toEqual([]);
    expect((await cityJl.post(`/api/exam-clients/${issued.body.id}/revoke`)).status).toBe(404);
    expect((await cityCc.post(`/api/exam-clients/${issued.body.id}/revoke`)).status).toBe(200);
    expect((await cityCc.post(`/api/exam-clients/${issued.body.id}/revoke`)).body.error.message).toBe('该凭证已吊销');
  });
});

describe('console recovery of the accounts at the top of the chain', () => {
  it('resets the province or an operator from the server, audited; never a business account', async () => {
    const { recoverAccountFromConsole } = await import('./recover-account.js');
    const { temporaryPassword } = await recoverAccountFromConsole(t.deps, 'demo-secadmin');
    const signedIn = await t.login('demo-secadmin', temporaryPassword);
    expect((await signedIn.get('/api/auth/me')).body.account.mustChangePassword).toBe(true);
    await expect(recoverAccountFromConsole(t.deps, 'demo-ent-a')).rejects.toThrow(/发放单位/);
    const { auditEvents } = await import('../../db/schema/index.js');
    const { eq } = await import('drizzle-orm');
    expect(await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'account.console_recovered'))).toHaveLength(1);
  });
});
