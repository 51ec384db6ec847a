import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterprises } from '../src/server/db/schema/index.js';
import { jpeg } from '../test/fixtures.js';
import { newCandidate, newCertificate, newPhoto } from '../test/factories.js';
import { DEMO_ENTERPRISES, DEMO_PASSWORD } from '../src/server/modules/bootstrap/demo-data.js';
import { runNationalFeed } from '../src/server/modules/national/national-feed.js';
import { createPlatformClient, type NationalPlatformClient } from '../src/server/modules/national/platform-client.js';
import { generatePlatformKeyPair } from '../src/server/modules/national/platform-interface.js';
import { buildReferencePlatform } from '../tools/national-platform/reference-platform.js';
import { login, newPage, pageApi, screenshot, startE2E, type E2E } from './browser.js';

let e: E2E;
let platform: ReturnType<typeof buildReferencePlatform>;
let client: NationalPlatformClient;
const province = generatePlatformKeyPair();

beforeAll(async () => {
  platform = buildReferencePlatform({
    clients: { C0317: { id: 'agry', secret: 'a' }, C0304: { id: 'tzry', secret: 't' } },
    provincePublicKey: province.publicKey,
  });
  const url = await platform.app.listen({ port: 0, host: '127.0.0.1' });
  e = await startE2E({
    env: {
      NATIONAL_PLATFORM_URL: url,
      NATIONAL_C0317_CLIENT_ID: 'agry',
      NATIONAL_C0317_CLIENT_SECRET: 'a',
      NATIONAL_C0304_CLIENT_ID: 'tzry',
      NATIONAL_C0304_CLIENT_SECRET: 't',
      NATIONAL_PROVINCE_PRIVATE_KEY: province.privateKey,
      NATIONAL_PLATFORM_PUBLIC_KEY: generatePlatformKeyPair().publicKey,
    },
  });
  client = createPlatformClient(e.t.deps.config.nationalPlatform!);
});
afterAll(async () => {
  await e?.close();
  await platform?.app.close();
});

/** One round of the worker every server process runs every 10 s, run here when the journey needs it. */
const feed = () => runNationalFeed(e.t.deps, client);

describe('全国平台上报', () => {
  it('the province sees the feed, a refused report with the platform’s words, 重新上报 it, and prints the certificate with the national QR code', async () => {
    // A certificate of demo-ent-a's holder, with a photo; its first report (赋码 + 归集) reaches the platform.
    const [enterprise] = await e.t.deps.db.select().from(enterprises).where(eq(enterprises.name, DEMO_ENTERPRISES[0].name));
    const holder = await newCandidate(e.t, { name: '周立新' });
    const photo = await newPhoto(e.t, holder.person.id, await jpeg(400, 500));
    const cert = await newCertificate(e.t, {
      personId: holder.person.id,
      enterpriseId: enterprise!.id,
      number: '吉建安C2（2025）0000777',
      issuedOn: '2025-06-01',
      expiresOn: '2028-05-31',
      photoFileId: photo.id,
    });
    expect((await feed()).refused).toBe(0);

    const page = await newPage(e);
    await login(page, e, 'demo-province', DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: '全国平台上报' }).click();
    await page.getByText('没有待处理的上报数据，全部已上报').waitFor();
    await screenshot(page, 'national-reports-clear');

    // The city suspends the certificate while the platform refuses the next call.
    const city = await newPage(e);
    await login(city, e, 'demo-city-cc', DEMO_PASSWORD);
    await city.getByRole('menuitem', { name: '证书管理' }).waitFor();
    expect(await pageApi(city)('POST', `/api/certificates/${cert!.id}/suspend`, { reason: '施工现场违规作业' })).toMatchObject({
      status: 'suspended',
    });
    platform.behaviour.refuseNext = 1;
    expect((await feed()).refused).toBe(1);

    await page.reload();
    const row = page.getByRole('row', { name: new RegExp(cert!.number.replace(/[（）]/g, '.')) });
    await row.getByText('上报失败').waitFor();
    await row.getByText('证书编号已存在').waitFor();
    await screenshot(page, 'national-reports-failed');
    await row.getByRole('button', { name: '重新上报' }).click();
    await page.getByText('已重新排队上报').waitFor();
    expect((await feed()).sent).toBe(1);
    await page.reload();
    await page.getByText('没有待处理的上报数据，全部已上报').waitFor();

    // The certificate's detail tells its national story.
    await page.getByRole('menuitem', { name: '证书管理' }).click();
    await page.getByPlaceholder('姓名或证书编号').fill(cert!.number);
    await page.getByPlaceholder('姓名或证书编号').press('Enter');
    const listed = page.getByRole('row', { name: new RegExp(cert!.number.replace(/[（）]/g, '.')) });
    await listed.getByText('已上报').waitFor();
    await listed.getByRole('button', { name: '详情' }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('1.2.156.3005.2.11100000000013338W011.').waitFor();
    await drawer.getByText('办理暂扣').waitFor();
    await drawer.getByText('已赋码（打印证书时一并印制）').waitFor();
    await screenshot(page, 'national-certificate-detail');

    // The printed certificate is sealed and carries both QR codes.
    const pdf = await page.evaluate(async (id) => {
      const r = await fetch(`/api/certificates/${id}/pdf`);
      return Array.from(new Uint8Array(await r.arrayBuffer()));
    }, cert!.id);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agt-national-'));
    fs.writeFileSync(path.join(dir, 'c.pdf'), Buffer.from(pdf));
    expect(execFileSync('pdftotext', [path.join(dir, 'c.pdf'), '-']).toString()).toContain('全国平台核验');
    expect(execFileSync('pdfsig', [path.join(dir, 'c.pdf')]).toString()).toContain('Signature is Valid.');
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-singlefile',
      path.join(dir, 'c.pdf'),
      path.resolve('.test-artifacts/screenshots/national-certificate-pdf'),
    ]);
    fs.rmSync(dir, { recursive: true });
  });
});
