import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, newPage, startE2E, type E2E } from './browser.js';

/**
 * What a visitor downloads for the public registry on a first visit, compressed
 * as sent: the route's own chunks only, brotli-compressed, and cached for good
 * (hashed names) so a second visit downloads nothing but the page itself.
 */
let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(async () => {
  await e?.close();
});

const BUDGET_BYTES = 450 * 1024;

describe('first load of /registry', () => {
  it(`is compressed, split by route and cached immutably: under ${BUDGET_BYTES / 1024} KB on the wire`, async () => {
    const page = await newPage(e, { width: 375, height: 740 });
    const sent: { url: string; bytes: number; encoding: string | undefined; cacheControl: string | undefined }[] = [];
    page.on('requestfinished', async (request) => {
      const response = await request.response();
      if (!response) return;
      const sizes = await request.sizes();
      const headers = await response.allHeaders();
      sent.push({
        url: new URL(request.url()).pathname,
        bytes: sizes.responseBodySize + sizes.responseHeadersSize,
        encoding: headers['content-encoding'],
        cacheControl: headers['cache-control'],
      });
    });
    await page.goto(`${e.baseUrl}/registry`, { waitUntil: 'networkidle' });
    await page
      .getByRole('button', { name: /查\s*询/ })
      .first()
      .waitFor();

    const assets = sent.filter((r) => r.url.startsWith('/assets/'));
    const scripts = assets.filter((r) => r.url.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(1);
    for (const a of assets) {
      expect(a.cacheControl, a.url).toBe('public, max-age=31536000, immutable');
      if (a.bytes > 2048) expect(a.encoding, a.url).toBe('br');
    }
    // The reviewers' screens are not part of the public page.
    expect(scripts.some((s) => /ReviewQueuePage|ExamSessionsPage|AuditPage/.test(s.url))).toBe(false);
    const html = sent.find((r) => r.url === '/registry');
    expect(html?.cacheControl).toBe('no-cache');

    const total = sent.filter((r) => !r.url.startsWith('/api/')).reduce((n, r) => n + r.bytes, 0);
    const figure = {
      date: new Date().toISOString().slice(0, 10),
      files: assets.length + 1,
      bytesOnWire: total,
      kib: Math.round(total / 102.4) / 10,
    };
    fs.writeFileSync(path.join(ARTIFACTS, '..', 'first-load-registry.json'), JSON.stringify({ ...figure, sent }, null, 2));
    console.log(`first load of /registry: ${figure.files} files, ${figure.kib} KiB on the wire (brotli)`);
    expect(total).toBeLessThan(BUDGET_BYTES);
    await page.context().close();
  });
});
