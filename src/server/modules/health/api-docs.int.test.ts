import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, testSecrets, type TestApp } from '../../../../test/harness.js';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { PUBLIC } from '../../http/actor.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('GET /api/docs', () => {
  it('describes every API route from its own schemas (OpenAPI 3)', async () => {
    const docs = await (await t.anonymous()).get('/api/docs');
    expect(docs.status).toBe(200);
    expect(docs.body.openapi).toMatch(/^3\./);
    const paths = Object.keys(docs.body.paths);
    // Every registered /api route is in it (parameters spelled {id}), the document itself aside.
    const routes = new Set(
      t.routes.filter((r) => r.url.startsWith('/api/') && r.url !== '/api/docs').map((r) => r.url.replace(/:(\w+)/g, '{$1}')),
    );
    expect(paths.filter((p) => p.startsWith('/api/')).sort()).toEqual([...routes].sort());
    const create = docs.body.paths['/api/exam-sessions'].post;
    expect(Object.keys(create.requestBody.content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['name', 'capacity', 'categories', 'startsAt']),
    );
    expect(docs.body.components.securitySchemes.examClient.description).toContain('AGT-HMAC');
    // What an exam-room vendor had to guess is written down: the secret as text, hex digests, the key syntax, the answer, 409.
    const upload = docs.body.paths['/api/exam-client/scores'].post.description;
    for (const fact of ['不做 hex/base64 解码', '小写 hex(SHA-256(请求体原始字节))', '8 至 100 位', '"replayed"', '409'])
      expect([fact, upload.includes(fact)]).toEqual([fact, true]);
  });
});

describe('response schemas', () => {
  it('are documented, and only the declared fields leave the server', async () => {
    const docs = (await (await t.anonymous()).get('/api/docs')).body;
    const me = docs.paths['/api/auth/me'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(me.properties.account.properties)).toEqual(
      expect.arrayContaining(['role', 'maskedIdNumber', 'can', 'scope']),
    );
    const { app } = await buildApp({
      config: { ...loadConfig({}), webDir: '/none' },
      database: t.testDb.database,
      secrets: testSecrets(),
      logger: false,
    });
    // A use-case that returns more than its route declares (a column added to a query) leaks nothing.
    app.get(
      '/api/leaky',
      { config: { access: PUBLIC }, schema: { response: { 200: z.object({ name: z.string() }) } } },
      async () => ({
        name: '张三',
        idNumberEnc: 'ciphertext',
      }),
    );
    const res = await app.inject({ method: 'GET', url: '/api/leaky' });
    expect(res.json()).toEqual({ name: '张三' });
    await app.close();
  });
});
