import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jpeg } from '../../../../test/fixtures.js';
import { newAccount, newCandidate, newCertificate, newEnterprise, newIdNumber, newPhoto } from '../../../../test/factories.js';
import { createTestApp, type Client, type TestApp } from '../../../../test/harness.js';
import { buildReferencePlatform } from '../../../../tools/national-platform/reference-platform.js';
import { parseCertificateIdentifier } from '../../../shared/domain/national/certificate-identifier.js';
import { maskIdNumber } from '../../../shared/domain/id-number.js';
import { auditEvents, certificateFilings, certificates, nationalReports } from '../../db/schema/index.js';
import { expireCertificates } from '../certificates/expiry-jobs.js';
import { recordCertificateEvents } from '../certificates/record-certificate-event.js';
import { runNationalFeed } from './national-feed.js';
import { createPlatformClient, type NationalPlatformClient } from './platform-client.js';
import { generatePlatformKeyPair } from './platform-interface.js';

let t: TestApp;
let platform: ReturnType<typeof buildReferencePlatform>;
let client: NationalPlatformClient;
let city: Client;
let enterpriseId: string;
let enterpriseAccountId: string;
const clock = new Date('2026-11-25T02:00:00Z');
const province = generatePlatformKeyPair();
const national = generatePlatformKeyPair();
const clients = { C0317: { id: 'agry', secret: 's1' }, C0304: { id: 'tzry', secret: 's2' } };

beforeAll(async () => {
  platform = buildReferencePlatform({ clients, provincePublicKey: province.publicKey });
  const url = await platform.app.listen({ port: 0, host: '127.0.0.1' });
  t = await createTestApp({
    demo: false,
    now: () => clock,
    env: {
      NATIONAL_PLATFORM_URL: url,
      NATIONAL_C0317_CLIENT_ID: 'agry',
      NATIONAL_C0317_CLIENT_SECRET: 's1',
      NATIONAL_C0304_CLIENT_ID: 'tzry',
      NATIONAL_C0304_CLIENT_SECRET: 's2',
      NATIONAL_PROVINCE_PRIVATE_KEY: province.privateKey,
      NATIONAL_PLATFORM_PUBLIC_KEY: national.publicKey,
    },
  });
  client = createPlatformClient(t.deps.config.nationalPlatform!);
  city = (await newAccount(t, 'city', { jurisdictionCode: '220100' })).client;
  const enterprise = await newEnterprise(t);
  enterpriseId = enterprise.enterprise.id;
  enterpriseAccountId = enterprise.account.id;
});
afterAll(async () => {
  await t?.close();
  await platform?.app.close();
});
beforeEach(() => {
  Object.assign(platform.behaviour, { mode: 'ok', delayMs: 0, refuseNext: 0, throttleNext: 0, downNext: 0, filingDownNext: 0 });
});

let numberSerial = 0;
/** A certificate with a photo, as a filed legacy certificate: its first report is queued by the backfill. */
async function certificate(opts: { category?: string; expiresOn?: string } = {}) {
  const holder = await newCandidate(t);
  const photo = await newPhoto(t, holder.person.id, await jpeg(600, 740));
  const k = String(++numberSerial).padStart(6, '0');
  const special = opts.category && /^\d\d$/.test(opts.category);
  return newCertificate(t, {
    personId: holder.person.id,
    enterpriseId,
    category: opts.category ?? 'C2',
    number: special ? `吉A${opts.category}2026${k}` : `吉建安C2（2026）0${k}`,
    issuedOn: '2026-01-10',
    expiresOn: opts.expiresOn ?? (special ? '2028-01-09' : '2029-01-09'),
    photoFileId: photo.id,
    otherWorkTypeName: opts.category === '99' ? '桩机操作工' : undefined,
  });
}

const reportsOf = (certificateId: string) =>
  t.deps.db
    .select()
    .from(nationalReports)
    .where(eq(nationalReports.certificateId, certificateId))
    .orderBy(asc(nationalReports.id));
const acceptedOf = (certNum: string) => platform.accepted.filter((a) => a.certNum === certNum);
const act = (id: string, action: string, reason = '依法处理') => city.post(`/api/certificates/${id}/${action}`, { reason });

describe('全国平台上报', () => {
  it('without a platform the reports wait as 待上报; with it the first issue is 赋码 and 归集, and the national QR code is kept', async () => {
    const c = await certificate();
    expect((await runNationalFeed(t.deps, null)).queued).toBeGreaterThanOrEqual(1);
    const [queued] = await reportsOf(c.id);
    expect(queued).toMatchObject({ status: 'pending', operateType: '01', call: 'fm', standard: 'C0317', attempts: 0 });
    // The outbox holds neither the ID number nor the photo.
    expect(JSON.stringify(queued!.payload)).not.toMatch(/\d{17}[\dX]/);
    expect(queued!.payload).not.toHaveProperty('photo');

    const round = await runNationalFeed(t.deps, client);
    expect(round.refused).toBe(0);
    const [sent] = await reportsOf(c.id);
    expect(sent).toMatchObject({ status: 'sent', lastError: null });
    expect(acceptedOf(c.number).map((a) => a.op)).toEqual(['fm', 'gj']);
    const [after] = await t.deps.db.select().from(certificates).where(eq(certificates.id, c.id));
    expect(after!.nationalQr).toMatch(
      /^https:\/\/zlaq\.mohurd\.gov\.cn\/fwmh\/middlepage\.html\?ID=[0-9A-F]+&k=.+&certype=11100000000013338W011&province=220000$/,
    );
    expect(parseCertificateIdentifier(after!.nationalIdentifier!)).toMatchObject({
      version: 1,
      issuerCode: '11220000013544357T',
    });
    expect(platform.certificates.get(after!.nationalIdentifier!)?.filed).toBe(true);
  });

  it('sends every state change of a certificate in order, each with its 安管 operateType and certState', async () => {
    const c = await certificate();
    for (const action of ['suspend', 'restore', 'transfer_out', 'cancel_transfer_out', 'revoke_license'])
      expect((await act(c.id, action)).status).toBe(200);
    await runNationalFeed(t.deps, client);
    const sent = acceptedOf(c.number).filter((a) => a.op === 'update');
    expect(sent.map((a) => [a.operateType, a.certState])).toEqual([
      ['03', '02'],
      ['06', '01'],
      ['05', '06'],
      ['10', '01'],
      ['05', '07'],
    ]);
    expect((await reportsOf(c.id)).every((r) => r.status === 'sent')).toBe(true);
  });

  it('特种 certificates use the C0304 codes: 失效 is 06, 吊销 03, 办理转出 99', async () => {
    const expiring = await certificate({ category: '05', expiresOn: '2026-11-20' });
    const other = await certificate({ category: '99' });
    expect(await expireCertificates(t.deps)).toBeGreaterThanOrEqual(1);
    expect((await act(other.id, 'transfer_out', '调往辽宁省')).status).toBe(200);
    expect((await act(other.id, 'cancel_transfer_out')).status).toBe(200);
    expect((await act(other.id, 'revoke_license')).status).toBe(200);
    const round = await runNationalFeed(t.deps, client);
    expect(round.refused).toBe(0);
    expect(acceptedOf(expiring.number).map((a) => [a.op, a.operateType, a.certState])).toEqual([
      ['fm', '01', '01'],
      ['gj', undefined, undefined],
      ['update', '04', '06'],
    ]);
    expect(
      acceptedOf(other.number)
        .filter((a) => a.op === 'update')
        .map((a) => [a.operateType, a.certState]),
    ).toEqual([
      ['07', '99'],
      ['07', '01'],
      ['05', '03'],
    ]);
  });

  it('an extension and a change are new versions naming the previous 证照标识', async () => {
    const c = await certificate();
    await runNationalFeed(t.deps, client);
    const [v1] = await t.deps.db.select().from(certificates).where(eq(certificates.id, c.id));
    const actor = { accountId: null as unknown as string, displayName: '测试' };
    await t.deps.db.transaction(async (tx) => {
      await tx.update(certificates).set({ expiresOn: '2032-01-09' }).where(eq(certificates.id, c.id));
      await recordCertificateEvents(t.deps, tx, actor, [
        {
          certificateId: c.id,
          kind: 'extended',
          reason: '延期',
          detail: { from: '2029-01-09', to: '2032-01-09', requestId: 'x' },
        },
      ]);
    });
    await t.deps.db.transaction((tx) =>
      recordCertificateEvents(t.deps, tx, actor, [
        { certificateId: c.id, kind: 'changed', reason: '职称变更', detail: { changeId: 'y' } },
      ]),
    );
    expect((await runNationalFeed(t.deps, client)).refused).toBe(0);
    const reports = await reportsOf(c.id);
    expect(reports.map((r) => [r.operateType, parseCertificateIdentifier(r.identifier)!.version])).toEqual([
      ['01', 1],
      ['02', 2],
      ['09', 3],
    ]);
    expect(reports[1]!.payload).toMatchObject({
      associatedZzeCertID: v1!.nationalIdentifier,
      issuedDate: '2026-01-10',
      issuDate: '2026-11-25',
      effectiveDate: '2029-01-10',
      expiringDate: '2032-01-09',
    });
    expect(reports[2]!.payload).toMatchObject({ associatedZzeCertID: reports[1]!.identifier });
    const [after] = await t.deps.db.select().from(certificates).where(eq(certificates.id, c.id));
    expect(after).toMatchObject({ nationalVersion: 3, nationalIdentifier: reports[2]!.identifier, currentIssueOn: '2026-11-25' });
  });

  it('survives an outage: retries with backoff, loses nothing, keeps the order', async () => {
    const c = await certificate();
    await runNationalFeed(t.deps, client);
    platform.behaviour.mode = 'down';
    await act(c.id, 'suspend');
    await act(c.id, 'restore');
    const down = await runNationalFeed(t.deps, client);
    expect(down).toMatchObject({ sent: 0, retrying: 1 });
    let [suspend, restore] = (await reportsOf(c.id)).slice(1);
    expect(suspend).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('503') });
    expect(suspend!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(restore).toMatchObject({ status: 'pending', attempts: 0 });
    // Back up, but the retry is not due yet: nothing is sent ahead of it.
    platform.behaviour.mode = 'ok';
    expect((await runNationalFeed(t.deps, client)).sent).toBe(0);
    // A day later (as far as the rows know), both go, in order.
    await t.deps.db.execute(sql`UPDATE national_reports SET next_attempt_at = now() WHERE certificate_id = ${c.id}`);
    expect((await runNationalFeed(t.deps, client)).sent).toBe(2);
    [suspend, restore] = (await reportsOf(c.id)).slice(1);
    expect([suspend!.status, restore!.status]).toEqual(['sent', 'sent']);
    expect(
      acceptedOf(c.number)
        .filter((a) => a.op === 'update')
        .map((a) => a.operateType),
    ).toEqual(['03', '06']);
  });

  it('a 归集 that fails after 赋码 is retried alone: the platform is not asked for a second code', async () => {
    const c = await certificate();
    platform.behaviour.filingDownNext = 1;
    expect(await runNationalFeed(t.deps, client)).toMatchObject({ retrying: 1 });
    const [r] = await reportsOf(c.id);
    expect(r).toMatchObject({ status: 'pending', platformCertId: expect.stringMatching(/^220000\d+$/) });
    await t.deps.db.execute(sql`UPDATE national_reports SET next_attempt_at = now() WHERE certificate_id = ${c.id}`);
    await runNationalFeed(t.deps, client);
    expect((await reportsOf(c.id))[0]!.status).toBe('sent');
    expect(acceptedOf(c.number).map((a) => a.op)).toEqual(['fm', 'gj']);
  });

  it('throttling (操作太快) is not a refusal: the report waits a minute and goes', async () => {
    const c = await certificate();
    platform.behaviour.throttleNext = 1;
    expect(await runNationalFeed(t.deps, client)).toMatchObject({ refused: 0, retrying: 1 });
    const [r] = await reportsOf(c.id);
    expect(r).toMatchObject({ status: 'pending', lastError: '赋码操作太快，请稍后再试！' });
    expect(r!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
    await t.deps.db.execute(sql`UPDATE national_reports SET next_attempt_at = now() WHERE certificate_id = ${c.id}`);
    await runNationalFeed(t.deps, client);
    expect((await reportsOf(c.id))[0]!.status).toBe('sent');
  });

  it('a sender whose lease was taken over does not overwrite the new holder’s result', async () => {
    const c = await certificate();
    await runNationalFeed(t.deps, null);
    const [r] = await reportsOf(c.id);
    // While this sender waits for the platform, another process takes the report over (its own token).
    const other = randomUUID();
    const slowSender: NationalPlatformClient = {
      call: async (standard, op, data) => {
        await t.deps.db.update(nationalReports).set({ claimToken: other }).where(eq(nationalReports.id, r!.id));
        return client.call(standard, op, data);
      },
    };
    await runNationalFeed(t.deps, slowSender);
    expect((await reportsOf(c.id))[0]).toMatchObject({ status: 'pending', claimToken: other });
    // A live lease is not claimed again; once it runs out, the report is taken over and goes.
    await runNationalFeed(t.deps, client);
    expect((await reportsOf(c.id))[0]).toMatchObject({ status: 'pending', claimToken: other });
    await t.deps.db
      .update(nationalReports)
      .set({ claimedUntil: new Date(Date.now() - 1000) })
      .where(eq(nationalReports.id, r!.id));
    expect((await runNationalFeed(t.deps, client)).sent).toBeGreaterThanOrEqual(1);
    expect((await reportsOf(c.id))[0]).toMatchObject({ status: 'sent', claimToken: null });
  });

  it('a platform too slow to answer counts as an outage: the report is retried later, not lost', async () => {
    const c = await certificate();
    platform.behaviour.mode = 'slow';
    platform.behaviour.delayMs = 2000;
    const impatient = createPlatformClient({ ...t.deps.config.nationalPlatform!, timeoutMs: 200 });
    expect(await runNationalFeed(t.deps, impatient)).toMatchObject({ sent: 0, retrying: 1 });
    const [r] = await reportsOf(c.id);
    expect(r).toMatchObject({ status: 'pending', attempts: 1, lastError: '全国平台响应超时' });
    platform.behaviour.mode = 'ok';
    await t.deps.db.execute(sql`UPDATE national_reports SET next_attempt_at = now() WHERE certificate_id = ${c.id}`);
    expect((await runNationalFeed(t.deps, client)).sent).toBeGreaterThanOrEqual(1);
    expect((await reportsOf(c.id))[0]!.status).toBe('sent');
  });

  it('全国平台上报 is scoped: a city counts and lists only its own certificates’ reports', async () => {
    const c = await certificate();
    platform.behaviour.refuseNext = 1;
    await runNationalFeed(t.deps, client);
    const own = await city.get('/api/national-reports?status=failed');
    expect(own.status).toBe(200);
    expect(own.body.rows.map((r: { certificateId: string }) => r.certificateId)).toContain(c.id);
    const other = (await newAccount(t, 'city', { jurisdictionCode: '220200' })).client;
    const theirs = await other.get('/api/national-reports');
    expect(theirs.body).toMatchObject({ total: 0, counts: { sent: 0, pending: 0, retrying: 0, failed: 0 } });
    const enterprise = (await newEnterprise(t)).client;
    expect((await enterprise.get('/api/national-reports')).status).toBe(403);
    expect((await enterprise.post(`/api/certificates/${c.id}/national-retry`, {})).status).toBe(403);
    await city.post(`/api/certificates/${c.id}/national-retry`, {});
    await runNationalFeed(t.deps, client);
  });

  it('is idempotent: a report whose answer was lost is sent again and the platform takes it once', async () => {
    const c = await certificate();
    await runNationalFeed(t.deps, client);
    const [first] = await reportsOf(c.id);
    // The process died after the platform answered, before the answer was stored.
    await t.deps.db.update(nationalReports).set({ status: 'pending', qrContent: null }).where(eq(nationalReports.id, first!.id));
    expect((await runNationalFeed(t.deps, client)).sent).toBe(1);
    const [again] = await reportsOf(c.id);
    expect(again!.status).toBe('sent');
    expect(acceptedOf(c.number).filter((a) => a.op === 'fm')).toHaveLength(1);
  });

  it('a refusal is 上报失败 with the platform’s words and holds back the later reports of that certificate until 重新上报', async () => {
    const c = await certificate();
    platform.behaviour.refuseNext = 1;
    expect((await runNationalFeed(t.deps, client)).refused).toBe(1);
    await act(c.id, 'suspend');
    await runNationalFeed(t.deps, client);
    const [failed, waiting] = await reportsOf(c.id);
    expect(failed).toMatchObject({ status: 'failed', lastError: '证书编号已存在' });
    expect(waiting).toMatchObject({ status: 'pending', attempts: 0 });
    const retry = await city.post(`/api/certificates/${c.id}/national-retry`, {});
    expect(retry.status).toBe(200);
    expect((await runNationalFeed(t.deps, client)).sent).toBe(2);
    expect((await reportsOf(c.id)).map((r) => r.status)).toEqual(['sent', 'sent']);
    // Nothing to retry any more, and another city may not.
    expect((await city.post(`/api/certificates/${c.id}/national-retry`, {})).status).toBe(409);
    const other = (await newAccount(t, 'city', { jurisdictionCode: '220200' })).client;
    expect((await other.post(`/api/certificates/${c.id}/national-retry`, {})).status).toBe(404);
  });

  it('a certificate the platform refuses to take (no photo) says why, field by field', async () => {
    const holder = await newCandidate(t);
    const c = await newCertificate(t, { personId: holder.person.id, enterpriseId, number: '吉建安C2（2026）0999999' });
    await runNationalFeed(t.deps, client);
    const [r] = await reportsOf(c.id);
    expect(r).toMatchObject({ status: 'failed', lastError: 'photo 新发证照必须有照片' });
  });

  it('two processes sending at once send each report exactly once', async () => {
    const made = await Promise.all([certificate(), certificate(), certificate(), certificate()]);
    for (const c of made) await act(c.id, 'suspend');
    const before = platform.accepted.length;
    const second = createPlatformClient(t.deps.config.nationalPlatform!);
    await Promise.all([runNationalFeed(t.deps, client), runNationalFeed(t.deps, second)]);
    const ours = platform.accepted.slice(before).filter((a) => made.some((c) => c.number === a.certNum));
    expect(ours.filter((a) => a.op === 'fm')).toHaveLength(4);
    expect(ours.filter((a) => a.op === 'update')).toHaveLength(4);
    for (const c of made) expect((await reportsOf(c.id)).map((r) => r.status)).toEqual(['sent', 'sent']);
  });
});

describe('全国平台查重', () => {
  let filingSerial = 0;
  /** A pending 原持证人员备案 of a legacy C2 certificate, as the enterprise's form leaves it. */
  async function pendingFiling(idNumber = newIdNumber()) {
    const [filing] = await t.deps.db
      .insert(certificateFilings)
      .values({
        enterpriseId,
        jurisdictionCode: '220100',
        name: `备案人${++filingSerial}`,
        idNumberEnc: t.deps.crypto.encrypt(idNumber),
        idNumberHash: t.deps.crypto.lookupHash('id', idNumber),
        idNumberMasked: maskIdNumber(idNumber),
        category: 'C2',
        number: `吉建安C2（2024）${String(8000000 + filingSerial).padStart(7, '0')}`,
        issuedOn: '2024-03-01',
        expiresOn: '2027-02-28',
        createdBy: enterpriseAccountId,
      })
      .returning();
    return filing!;
  }
  const auditOf = async (filingId: string) =>
    (await t.deps.db.select().from(auditEvents).where(eq(auditEvents.targetId, filingId))).find(
      (a) => a.action === 'filing.approved',
    );

  it('a holder the platform refuses is not approved, and the authority reads the platform’s reason', async () => {
    const idNumber = newIdNumber();
    platform.holdings.push({ identityCard: idNumber, category: 'C2', province: '辽宁省', certNum: '辽建安C2（2024）0000001' });
    const filing = await pendingFiling(idNumber);
    // A reason to go ahead only counts when the platform could not be asked: it does not override a refusal.
    const res = await city.post(`/api/filings/${filing.id}/approve`, { overrideReason: '急需上岗' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('全国平台查重未通过');
    expect(res.body.error.details).toEqual([
      { field: 'nationalCheck', message: `${filing.name}：该人员已在辽宁省持有有效证书：辽建安C2（2024）0000001` },
    ]);
    const [after] = await t.deps.db.select().from(certificateFilings).where(eq(certificateFilings.id, filing.id));
    expect(after!.status).toBe('pending');
  });

  it('a holder the platform clears is approved, and the audit says it was checked', async () => {
    const filing = await pendingFiling();
    expect((await city.post(`/api/filings/${filing.id}/approve`, {})).status).toBe(200);
    expect((await auditOf(filing.id))?.detail).toMatchObject({ nationalCheck: 'passed' });
  });

  it('while the platform is unreachable the authority may go ahead only with a reason, which is audited', async () => {
    platform.behaviour.mode = 'down';
    const filing = await pendingFiling();
    const refused = await city.post(`/api/filings/${filing.id}/approve`, {});
    expect(refused.status).toBe(503);
    expect(refused.body.error).toMatchObject({
      field: 'overrideReason',
      message: expect.stringContaining('全国平台暂时无法连接'),
    });
    const forced = await city.post(`/api/filings/${filing.id}/approve`, { overrideReason: '全国平台维护，持证人急需上岗' });
    expect(forced.status).toBe(200);
    expect((await auditOf(filing.id))?.detail).toMatchObject({
      nationalCheck: 'overridden',
      overrideReason: '全国平台维护，持证人急需上岗',
    });
  });
});
