import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from './harness.js';

/**
 * Two server instances on one database stand for two processes behind a load
 * balancer: a session, a lock and a disablement made through one hold on the other.
 */
let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  a = await createTestApp();
  b = await createTestApp({ testDb: a.testDb });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

describe('several server processes', () => {
  it('share sessions, lockouts and disablement through the database', async () => {
    const onA = await a.login('demo-ent-b');
    const onB = new Client(b.app);
    onB.cookies = { ...onA.cookies };
    expect((await onB.get('/api/home')).status).toBe(200);

    const city = await b.login('demo-city-jl');
    const list = await city.get('/api/accounts?keyword=demo-ent-b');
    expect((await city.post(`/api/accounts/${list.body.rows[0].id}/disable`, { reason: '测试' })).status).toBe(200);
    expect((await onA.get('/api/home')).status).toBe(401);

    const guessA = await a.anonymous();
    const guessB = await b.anonymous();
    for (let i = 0; i < 4; i++)
      await (i % 2 ? guessA : guessB).post('/api/auth/login', { username: 'demo-training', password: 'Bad#pass1' });
    const fifth = await guessA.post('/api/auth/login', { username: 'demo-training', password: 'Bad#pass1' });
    expect(fifth.status).toBe(423);
    expect((await guessB.post('/api/auth/login', { username: 'demo-training', password: 'Demo@2026' })).status).toBe(423);
  });
});
