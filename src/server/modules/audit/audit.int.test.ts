import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { beijingDate } from '../certificates/certificate-scope.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('audit log', () => {
  it('describes its objects in words, never as a bare id', async () => {
    const city = await t.login('demo-city-cc');
    const session = await city.post('/api/exam-sessions', {
      name: '审计描述测试考场',
      address: '长春市南关区',
      room: '1',
      kind: 'theory',
      capacity: 5,
      categories: ['C2'],
      startsAt: new Date(Date.now() + 72 * 3_600_000).toISOString(),
      endsAt: new Date(Date.now() + 74 * 3_600_000).toISOString(),
      applicationsOpenAt: new Date(Date.now() - 3_600_000).toISOString(),
      applicationsCloseAt: new Date(Date.now() + 48 * 3_600_000).toISOString(),
    });
    await city.post(`/api/exam-sessions/${session.body.id}/publish`);
    const auditor = await t.login('demo-auditadmin');
    const published = (await auditor.get('/api/audit?action=exam_session.published')).body.rows[0];
    expect(published.targetText).toBe('考场 · 审计描述测试考场');
    const login = (await auditor.get('/api/audit?action=auth.login&outcome=success')).body.rows.find(
      (r: { targetType: string }) => r.targetType === 'account',
    );
    if (login) expect(login.targetText).toMatch(/^账号 · /);
  });

  it('cannot be updated, deleted or truncated', async () => {
    await t.login('demo-province');
    await expect(t.deps.db.execute(sql`UPDATE audit_events SET outcome = 'failure'`)).rejects.toThrow();
    await expect(t.deps.db.execute(sql`DELETE FROM audit_events`)).rejects.toThrow();
    await expect(t.deps.db.execute(sql`TRUNCATE audit_events`)).rejects.toThrow();
  });

  it('is searchable by the audit administrator only, with filters and export', async () => {
    const anon = await t.anonymous();
    await anon.post('/api/auth/login', { username: 'demo-province', password: 'Wrong#2026' });
    const auditor = await t.login('demo-auditadmin');
    const failures = await auditor.get('/api/audit?action=auth.login&outcome=failure');
    expect(failures.status).toBe(200);
    expect(failures.body.total).toBeGreaterThanOrEqual(1);
    expect(failures.body.rows[0]).toMatchObject({ action: 'auth.login', outcome: 'failure', actionLabel: '登录' });
    // Dates of the filter are Beijing days: after 16:00 UTC today's events belong to tomorrow's date there.
    const today = beijingDate(new Date());
    expect((await auditor.get(`/api/audit?from=2000-01-01&to=${today}`)).body.total).toBeGreaterThan(0);
    expect((await auditor.get('/api/audit?from=2000-13-01')).body.error.message).toBe('开始日期：日期不存在');
    expect((await auditor.get('/api/audit?to=20000101')).body.error.message).toBe('结束日期：日期格式应为 YYYY-MM-DD');
    expect((await auditor.request('GET', '/api/audit/export')).headers['content-type']).toContain('spreadsheetml');
    for (const who of ['demo-sysadmin', 'demo-secadmin', 'demo-province']) {
      expect((await (await t.login(who)).get('/api/audit')).status, who).toBe(403);
    }
  });
});

describe('personal data in the audit log', () => {
  it('a failed login by ID number or phone keeps neither in full, and every row of the file is scanned', async () => {
    const anon = await t.anonymous();
    await anon.post('/api/auth/login', { username: '11010519491231002X', password: 'Wrong#2026' });
    await anon.post('/api/auth/login', { username: '13912345678', password: 'Wrong#2026' });
    const rows = await t.deps.db.execute(
      sql`SELECT detail::text AS d FROM audit_events WHERE action = 'auth.login' AND outcome = 'failure'`,
    );
    const text = (rows as unknown as { rows: { d: string }[] }).rows.map((r) => r.d).join(' ');
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('13912345678');
    await t.guard.scanAudit();
    expect(t.guard.violations).toEqual([]);
  });
});

describe('security policy', () => {
  it('the security administrator changes it within bounds, audited; the lock threshold follows', async () => {
    const sec = await t.login('demo-secadmin');
    const weak = await sec.put('/api/settings/security-policy', {
      minLength: 6,
      minClasses: 3,
      maxFailedLogins: 5,
      lockMinutes: 15,
      idleMinutes: 30,
      absoluteHours: 12,
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toBe('密码最小长度：不能少于8');
    const ok = await sec.put('/api/settings/security-policy', {
      minLength: 10,
      minClasses: 3,
      maxFailedLogins: 3,
      lockMinutes: 20,
      idleMinutes: 30,
      absoluteHours: 12,
    });
    expect(ok.status).toBe(200);
    const anon = await t.anonymous();
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await anon.post('/api/auth/login', { username: 'demo-ent-b', password: 'Nope#1234' })).status);
    expect(statuses).toEqual([401, 401, 423]);
    expect((await (await t.login('demo-sysadmin')).put('/api/settings/security-policy', ok.body)).status).toBe(403);
  });
});
