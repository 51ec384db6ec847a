import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoredSession, studiedCandidates } from '../../../../test/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../test/harness.js';
import {
  accounts,
  auditEvents,
  certificateEvents,
  certificates,
  enterprises,
  notifications,
  personnelChanges,
  persons,
  sessions,
} from '../../db/schema/index.js';

let t: TestApp;
let entA: Client;
let entB: Client;
let entC: Client;
let cityCc: Client;
let cityJl: Client;
let cert: typeof certificates.$inferSelect;
let idNumber: string;
let holder: Client;

/** A signed-in enterprise of 吉林市 made directly in the database. */
async function enterpriseClient(name: string, creditCode: string): Promise<Client> {
  const [e] = await t.deps.db.insert(enterprises).values({ name, creditCode, jurisdictionCode: '220200' }).returning();
  const [a] = await t.deps.db
    .insert(accounts)
    .values({
      role: 'enterprise',
      displayName: name,
      passwordHash: 'x',
      enterpriseId: e.id,
      jurisdictionCode: '220200',
      username: `ent-${creditCode.slice(-4)}`,
    })
    .returning();
  const token = t.deps.sessions.newToken();
  await t.deps.db.insert(sessions).values({ tokenHash: t.deps.sessions.hash(token), accountId: a.id });
  const client = new Client(t.app, `10.9.0.${creditCode.slice(-2)}`);
  client.cookies = { agt_sid: token, agt_csrf: `csrf-${creditCode}` };
  return client;
}

beforeAll(async () => {
  t = await createTestApp();
  entA = await t.login('demo-ent-a');
  entB = await t.login('demo-ent-b');
  entC = await enterpriseClient('吉林市丙建筑有限公司', '91220200MA0000C011');
  cityCc = await t.login('demo-city-cc');
  cityJl = await t.login('demo-city-jl');
  const province = await t.login('demo-province');
  const [a] = await t.deps.db.select().from(accounts).where(eq(accounts.username, 'demo-ent-a'));
  const s = await scoredSession(t, [85], { enterpriseId: a.enterpriseId! });
  holder = s.applications[0].client;
  const list = await cityCc.post('/api/qualified-lists', {
    listTitle: '调动测试',
    applicationIds: [s.applications[0].applicationId],
  });
  await province.post(`/api/qualified-lists/${list.body.id}/confirm`);
  [cert] = await t.deps.db.select().from(certificates).where(eq(certificates.listId, list.body.id));
  const [p] = await t.deps.db.select().from(persons).where(eq(persons.id, cert.personId));
  idNumber = t.deps.crypto.decrypt(p.idNumberEnc);
});
afterAll(async () => t?.close());

describe('读取原有证人员信息', () => {
  it('finds a holder by ID number or certificate number, masked, audited; never by a bad ID', async () => {
    const byId = await entB.get(`/api/personnel/lookup?idNumber=${idNumber}`);
    expect(byId.body.rows).toEqual([
      expect.objectContaining({
        id: cert.id,
        number: cert.number,
        ours: false,
        enterpriseName: '长春建工集团有限公司',
        statusLabel: '有效',
      }),
    ]);
    expect(JSON.stringify(byId.body)).not.toContain(idNumber);
    expect((await entB.get(`/api/personnel/lookup?number=${encodeURIComponent(cert.number)}`)).body.rows).toHaveLength(1);
    expect((await entB.get('/api/personnel/lookup?idNumber=123')).body.error.field).toBe('idNumber');
    expect((await entA.get(`/api/personnel/lookup?idNumber=${idNumber}`)).body.rows[0].ours).toBe(true);
    expect(
      (await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'personnel.lookup'))).length,
    ).toBeGreaterThanOrEqual(3);
  });
});

describe('人员变更申请 → 人员变更审核', () => {
  let changeId: string;
  let winner: Client;

  it('two enterprises apply for the same holder at once: one gets to ask; the request alone changes nothing public; holder, employer and city are told', async () => {
    const [b, c] = await Promise.all([
      entB.post('/api/personnel-changes', { kind: 'transfer', certificateId: cert.id, reason: '已与本企业签订劳动合同' }),
      entC.post('/api/personnel-changes', { kind: 'transfer', certificateId: cert.id, reason: '已与本企业签订劳动合同' }),
    ]);
    expect([b.status, c.status].sort()).toEqual([200, 409]);
    const loser = b.status === 409 ? b : c;
    expect(loser.body.error.message).toBe('该证书已有待审核的人员变更申请，请等待主管部门审核');
    winner = b.status === 200 ? entB : entC;
    changeId = (b.status === 200 ? b : c).body.id;
    const verify = await new Client(t.app, '203.0.113.50').get(`/api/public/certificates/verify/${cert.verifyToken}`);
    expect(verify.body.statusLabel).toBe('有效');
    const [after] = await t.deps.db.select().from(certificates).where(eq(certificates.id, cert.id));
    expect(after).toMatchObject({ status: 'valid', enterpriseId: cert.enterpriseId });
    const titles = async (username: string | null, accountId?: string) => {
      const [a] = accountId
        ? [{ id: accountId }]
        : await t.deps.db.select().from(accounts).where(eq(accounts.username, username!));
      return (await t.deps.db.select().from(notifications).where(eq(notifications.accountId, a.id))).map((n) => n.title);
    };
    expect(await titles('demo-ent-a')).toContain('有单位申请调入本企业人员');
    expect(await titles('demo-city-cc')).toContain('本地证书有调出申请');
    const [holderAccount] = await t.deps.db.select().from(accounts).where(eq(accounts.personId, cert.personId));
    expect(await titles(null, holderAccount.id)).toContain('有单位申请调入您的证书');
  });

  it("the certificate's own city can still suspend it while a transfer waits", async () => {
    expect((await cityCc.post(`/api/certificates/${cert.id}/suspend`, { reason: '核查期间暂扣' })).status).toBe(200);
    const [change] = await t.deps.db.select().from(personnelChanges).where(eq(personnelChanges.id, changeId));
    expect(change.status).toBe('cancelled');
    expect((await cityCc.post(`/api/certificates/${cert.id}/restore`, { reason: '核查完毕' })).status).toBe(200);
    const again = await winner.post('/api/personnel-changes', {
      kind: 'transfer',
      certificateId: cert.id,
      reason: '已与本企业签订劳动合同',
    });
    expect(again.status).toBe(200);
    changeId = again.body.id;
  });

  it('nothing is approved before the holder agrees in the app, and only the holder can agree', async () => {
    const winnerCity = cityJl;
    expect((await winnerCity.post(`/api/personnel-changes/${changeId}/decide`, { approve: true })).body.error.message).toBe(
      '持证人尚未在系统中确认同意调入，暂不能审核通过',
    );
    const pendingRow = async () =>
      (await cityJl.get('/api/personnel-changes?status=pending')).body.find((r: { id: string }) => r.id === changeId);
    expect((await pendingRow()).policies).toEqual({
      approve: { allowed: false, reason: '持证人尚未在系统中确认同意调入，暂不能审核通过' },
      return: { allowed: true },
    });
    const [stranger] = await studiedCandidates(t, 1);
    expect((await stranger.client.post(`/api/my/transfer-requests/${changeId}/answer`, { agree: true })).status).toBe(404);
    expect((await winner.post(`/api/my/transfer-requests/${changeId}/answer`, { agree: true })).status).toBe(403);
    const mine = await holder.get('/api/my/transfer-requests');
    expect(mine.body.rows).toEqual([expect.objectContaining({ id: changeId, number: cert.number, confirmed: false })]);
    expect((await holder.post(`/api/my/transfer-requests/${changeId}/answer`, { agree: true })).body).toEqual({
      status: 'pending',
      confirmed: true,
    });
    expect((await cityJl.get('/api/personnel-changes?status=pending')).body[0]).toMatchObject({
      id: changeId,
      holderConfirmed: true,
    });
    expect((await pendingRow()).policies.approve).toEqual({ allowed: true });
  });

  it('only the city of the applying enterprise decides; approval moves the certificate, keeping its number', async () => {
    expect((await cityCc.post(`/api/personnel-changes/${changeId}/decide`, { approve: true })).status).toBe(404);
    expect((await cityJl.get('/api/personnel-changes?status=pending')).body).toEqual([
      expect.objectContaining({
        id: changeId,
        number: cert.number,
        fromEnterpriseName: '长春建工集团有限公司',
        kindLabel: '调入（变更单位）',
      }),
    ]);
    expect((await cityJl.post(`/api/personnel-changes/${changeId}/decide`, { approve: true })).body).toEqual({
      status: 'approved',
    });
    expect((await cityJl.post(`/api/personnel-changes/${changeId}/decide`, { approve: true })).body.error.message).toBe(
      '该申请已审核通过',
    );
    const [after] = await t.deps.db.select().from(certificates).where(eq(certificates.id, cert.id));
    expect(after).toMatchObject({ number: cert.number, status: 'valid' });
    expect((await winner.get('/api/certificates')).body.rows.map((r: { number: string }) => r.number)).toEqual([cert.number]);
    expect((await entA.get('/api/certificates')).body.rows.map((r: { number: string }) => r.number)).not.toContain(cert.number);
    const events = await t.deps.db.select().from(certificateEvents).where(eq(certificateEvents.certificateId, cert.id));
    expect(events.map((e) => e.kind)).toEqual(['issued', 'suspend', 'restore', 'transferred']);
  });

  it("the holder's enterprise changes job or title; nobody else may", async () => {
    const other = winner === entB ? entC : entB;
    expect(
      (
        await other.post('/api/personnel-changes', {
          kind: 'details',
          certificateId: cert.id,
          reason: '岗位调整',
          newJob: '项目安全总监',
        })
      ).status,
    ).toBe(404);
    expect(
      (await winner.post('/api/personnel-changes', { kind: 'details', certificateId: cert.id, reason: '岗位调整' })).body.error
        .field,
    ).toBe('newJob');
    const asked = await winner.post('/api/personnel-changes', {
      kind: 'details',
      certificateId: cert.id,
      reason: '岗位调整',
      newJob: '项目安全总监',
    });
    expect(
      (
        await winner.post('/api/personnel-changes', {
          kind: 'details',
          certificateId: cert.id,
          reason: '再次调整',
          newJob: '安全员',
        })
      ).body.error.message,
    ).toBe('该证书已有待审核的人员变更申请，请等待主管部门审核');
    await cityJl.post(`/api/personnel-changes/${asked.body.id}/decide`, { approve: true });
    const [after] = await t.deps.db.select().from(certificates).where(eq(certificates.id, cert.id));
    expect(after.job).toBe('项目安全总监');
  });

  it('a returned transfer leaves the certificate with its employer, 有效', async () => {
    const back = await entA.post('/api/personnel-changes', { kind: 'transfer', certificateId: cert.id, reason: '回原单位' });
    expect(back.status).toBe(200);
    expect((await cityCc.post(`/api/personnel-changes/${back.body.id}/decide`, { approve: false })).body.error.field).toBe(
      'reason',
    );
    await cityCc.post(`/api/personnel-changes/${back.body.id}/decide`, { approve: false, reason: '未提供解除劳动合同证明' });
    const [after] = await t.deps.db.select().from(certificates).where(eq(certificates.id, cert.id));
    expect(after.status).toBe('valid');
    expect((await winner.get('/api/certificates')).body.total).toBe(1);
    const history = (await winner.get(`/api/certificates/${cert.id}`)).body.events.map((e: { label: string }) => e.label);
    expect(history).toEqual(['核发', '暂扣', '恢复', '变更单位', '信息变更']);
  });
});

describe('本企业人员信息查询', () => {
  it("lists the enterprise's people with registration, hours, result and certificate; filters; exports", async () => {
    // The winner of the transfer holds the certificate now; enterprise A keeps its demo-less registrations only.
    const [holder] = await t.deps.db.select().from(certificates).where(eq(certificates.id, cert.id));
    const owner =
      holder.enterpriseId === (await t.deps.db.select().from(accounts).where(eq(accounts.username, 'demo-ent-b')))[0].enterpriseId
        ? entB
        : entC;
    const rows = (await owner.get('/api/personnel')).body;
    expect(rows).toEqual([
      expect.objectContaining({
        number: cert.number,
        statusLabel: '有效',
        registrationStatus: null,
        maskedIdNumber: expect.stringContaining('********'),
      }),
    ]);
    expect((await owner.get('/api/personnel?expiringWithinDays=30')).body).toEqual([]);
    expect((await owner.get('/api/personnel?expiringWithinDays=1200')).body).toHaveLength(1);
    expect((await owner.get('/api/personnel?status=none')).body).toEqual([]);
    expect((await owner.get('/api/personnel?expiringWithinDays=-1')).body.error.field).toBe('expiringWithinDays');
    // Enterprise A: its registration (the transferred holder's) with hours and the exam result, no certificate any more.
    const a = (await entA.get('/api/personnel')).body;
    expect(a).toEqual([expect.objectContaining({ registrationStatus: '审核通过', examResult: '合格', number: null })]);
    const excel = await owner.get('/api/personnel/export');
    expect(excel.headers['content-type']).toContain('spreadsheetml');
    expect((await cityCc.get('/api/personnel')).status).toBe(403);
  });
});

describe('企业更名', () => {
  it('the renamed enterprise shows on every certificate it holds, each recording the change; one pending rename at a time', async () => {
    const [holder] = await t.deps.db.select().from(certificates).where(eq(certificates.id, cert.id));
    const [bAccount] = await t.deps.db.select().from(accounts).where(eq(accounts.username, 'demo-ent-b'));
    const owner = holder.enterpriseId === bAccount.enterpriseId ? entB : entC;
    expect(
      (await owner.post('/api/personnel-changes', { kind: 'rename', reason: '名称变更', newEnterpriseName: '吉' })).body.error
        .field,
    ).toBe('newEnterpriseName');
    const asked = await owner.post('/api/personnel-changes', {
      kind: 'rename',
      reason: '经市场监管部门核准变更名称',
      newEnterpriseName: '吉林省新城建设集团有限公司',
    });
    expect(asked.status).toBe(200);
    expect(
      (
        await owner.post('/api/personnel-changes', {
          kind: 'rename',
          reason: '再次更名',
          newEnterpriseName: '吉林省另一建设有限公司',
        })
      ).body.error.message,
    ).toBe('本企业已有待审核的更名申请');
    expect(
      (await cityJl.get('/api/personnel-changes?status=pending')).body.find((c: { id: string }) => c.id === asked.body.id),
    ).toMatchObject({ kindLabel: '企业更名', number: null });
    await cityJl.post(`/api/personnel-changes/${asked.body.id}/decide`, { approve: true });
    const verify = await new Client(t.app, '203.0.113.60').get(`/api/public/certificates/verify/${cert.verifyToken}`);
    expect(verify.body.enterpriseName).toBe('吉林省新城建设集团有限公司');
    const history = (await owner.get(`/api/certificates/${cert.id}`)).body.events;
    expect(history.at(-1)).toMatchObject({ label: '信息变更', reason: expect.stringContaining('企业更名') });
  });
});
