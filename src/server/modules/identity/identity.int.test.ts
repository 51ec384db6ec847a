import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../../shared/domain/id-number.js';
import { pdf } from '../../../../test/fixtures.js';
import { createTestApp, type Client, type TestApp } from '../../../../test/harness.js';
import { accounts, registrations } from '../../db/schema/index.js';
import { CANNOT_REGISTER } from '../auth/register-candidate.js';

/**
 * 账号身份确认: an account registered with a holder's ID number sees none of
 * their certificates until the employer or the city confirms it, and a squatter
 * who registered first never inherits what is filed later.
 */
let t: TestApp;
let ent: Client;
let city: Client;
const idOf = (first17: string) => first17 + idNumberCheckChar(first17);
const PASSWORD = 'Study@2026';

beforeAll(async () => {
  t = await createTestApp();
  ent = await t.login('demo-ent-a');
  city = await t.login('demo-city-cc');
});
afterAll(async () => t?.close());

async function fileAndApprove(name: string, idNumber: string, number: string) {
  const scanFileId = (await ent.upload('certificate', pdf('scan'), 'scan.pdf')).body.id;
  const filed = await ent.post('/api/filings', {
    name,
    idNumber,
    category: 'C2',
    number,
    issuedOn: '2025-03-01',
    expiresOn: '2028-02-28',
    scanFileId,
  });
  expect(filed.status).toBe(200);
  expect((await city.post(`/api/filings/${filed.body.id}/approve`)).status).toBe(200);
}

describe('账号身份确认', () => {
  it('a filed holder who registers sees their certificate only after the employer confirms the account', async () => {
    const idNumber = idOf('22010219820505003');
    await fileAndApprove('郑海波', idNumber, '吉建安C2（2025）0000801');
    expect(
      (
        await (
          await t.anonymous()
        ).post('/api/auth/register', { name: '郑海波', idNumber, phone: '13900000201', password: PASSWORD })
      ).status,
    ).toBe(200);
    const holder = await t.login(idNumber, PASSWORD);
    expect((await holder.get('/api/certificates')).body.rows).toEqual([]);
    expect((await holder.get('/api/study/overview')).body).toEqual([]);
    const queue = await ent.get('/api/identity-confirmations');
    const row = queue.body.rows.find((r: { name: string }) => r.name === '郑海波');
    expect(row).toMatchObject({ maskedIdNumber: expect.stringContaining('********'), certificates: '吉建安C2（2025）0000801' });
    // Another enterprise has nothing to confirm.
    const other = await t.login('demo-ent-b');
    expect((await other.post(`/api/identity-confirmations/${row.id}/confirm`)).status).toBe(404);
    expect((await ent.post(`/api/identity-confirmations/${row.id}/confirm`)).status).toBe(200);
    const again = await t.login(idNumber, PASSWORD);
    expect((await again.get('/api/certificates')).body.rows.map((r: { number: string }) => r.number)).toEqual([
      '吉建安C2（2025）0000801',
    ]);
    expect((await ent.post(`/api/identity-confirmations/${row.id}/confirm`)).status).toBe(404);
  });

  it('an impostor whose own registration the city approves is still not the holder: only sitting the exam or a confirmation is', async () => {
    const idNumber = idOf('22010219840707005');
    await fileAndApprove('褚建军', idNumber, '吉建安C2（2025）0000803');
    expect(
      (
        await (
          await t.anonymous()
        ).post('/api/auth/register', { name: '褚建军', idNumber, phone: '13900000205', password: PASSWORD })
      ).status,
    ).toBe(200);
    const impostor = await t.login(idNumber, PASSWORD);
    const [account] = await t.deps.db.select().from(accounts).where(eq(accounts.displayName, '褚建军'));
    const [r] = await t.deps.db
      .insert(registrations)
      .values({
        personId: account.personId!,
        category: '01',
        jurisdictionCode: '220100',
        status: 'awaiting_authority',
        submittedAt: new Date(),
      })
      .returning();
    expect((await city.post(`/api/review/registrations/${r.id}/approve`)).status).toBe(200);
    expect((await impostor.get('/api/certificates')).body.rows).toEqual([]);
    expect((await impostor.get('/api/auth/me')).body.account.identityVerified).toBe(false);
  });

  it('a squatter who registered first with the right name never sees what is filed later; the city lets the account go', async () => {
    const idNumber = idOf('22010219830606004');
    expect(
      (
        await (
          await t.anonymous()
        ).post('/api/auth/register', { name: '冯立新', idNumber, phone: '13900000202', password: PASSWORD })
      ).status,
    ).toBe(200);
    await fileAndApprove('冯立新', idNumber, '吉建安C2（2025）0000802');
    const squatter = await t.login(idNumber, PASSWORD);
    expect((await squatter.get('/api/certificates')).body.rows).toEqual([]);
    const row = (await city.get('/api/identity-confirmations')).body.rows.find((r: { name: string }) => r.name === '冯立新');
    expect((await ent.post(`/api/identity-confirmations/${row.id}/detach`, { reason: '不是本人' })).status).toBe(403);
    expect((await city.post(`/api/identity-confirmations/${row.id}/detach`, { reason: '' })).body.error.field).toBe('reason');
    expect(
      (await city.post(`/api/identity-confirmations/${row.id}/detach`, { reason: '持证人本人来电，该账号非本人注册' })).status,
    ).toBe(200);
    expect((await squatter.get('/api/auth/me')).body.account).toBeNull();
    const [gone] = await t.deps.db.select().from(accounts).where(eq(accounts.id, row.id));
    expect(gone).toMatchObject({ personId: null, disabledAt: expect.any(Date) });
    // The real holder may now register.
    const real = await (
      await t.anonymous()
    ).post('/api/auth/register', { name: '冯立新', idNumber, phone: '13900000203', password: PASSWORD });
    expect(real.status).toBe(200);
    expect((await (await t.login('13900000203', PASSWORD)).get('/api/auth/me')).body.account.maskedPhone).toBe('139****0203');
    expect(
      (
        await (
          await t.anonymous()
        ).post('/api/auth/register', { name: '冯立新', idNumber, phone: '13900000204', password: PASSWORD })
      ).body.error.message,
    ).toBe(CANNOT_REGISTER);
  });
});
