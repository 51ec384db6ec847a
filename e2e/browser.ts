import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../test/harness.js';

export const ARTIFACTS = path.resolve('.test-artifacts/screenshots');

export type E2E = { t: TestApp; baseUrl: string; browser: Browser; close(): Promise<void> };

/** The real server (built web app, embedded database with demo data) and headless Debian Chromium. */
export async function startE2E(opts: { demoRegistrations?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<E2E> {
  const webDir = path.resolve('dist/web');
  if (!fs.existsSync(path.join(webDir, 'index.html'))) throw new Error('dist/web is missing: run `npx vite build` first');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const t = await createTestApp({ webDir, demoRegistrations: opts.demoRegistrations, env: opts.env });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  // QR codes point at PUBLIC_BASE_URL: here, the port the test server got.
  t.deps.config.publicBaseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  });
  return {
    t,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

/** A new browser tab; `timezoneId` is the PC's zone (default Beijing; an office PC may be left on UTC). */
export async function newPage(e: E2E, viewport = { width: 1280, height: 800 }, timezoneId = 'Asia/Shanghai'): Promise<Page> {
  const context = await e.browser.newContext({ viewport, locale: 'zh-CN', timezoneId });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

export async function login(page: Page, e: E2E, username: string, password: string): Promise<void> {
  await page.goto(`${e.baseUrl}/login`);
  await page.getByLabel('账号').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Calls the API as the signed-in page would (its cookies, its CSRF header), for set-up that has its own journey elsewhere. */
export function pageApi(page: Page) {
  return (method: string, url: string, body?: unknown) =>
    page.evaluate(
      async ([m, u, b]) => {
        const csrf = document.cookie.match(/agt_csrf=([^;]+)/)![1];
        const r = await fetch(u as string, {
          method: m as string,
          headers: { ...(b ? { 'content-type': 'application/json' } : {}), 'x-csrf-token': csrf },
          body: b ? JSON.stringify(b) : undefined,
        });
        return r.json();
      },
      [method, url, body] as const,
    );
}
