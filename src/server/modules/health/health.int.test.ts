import { describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { createTestDatabase, testSecrets } from '../../../../test/harness.js';

describe('GET /healthz', () => {
  it('answers 503 until the database is migrated, then 200', async () => {
    const testDb = await createTestDatabase();
    const { app } = await buildApp({
      config: { ...loadConfig({}), webDir: '/none' },
      database: testDb.database,
      secrets: testSecrets(),
      logger: false,
    });
    try {
      const before = await app.inject({ method: 'GET', url: '/healthz' });
      expect(before.statusCode).toBe(503);
      await testDb.database.migrate();
      const after = await app.inject({ method: 'GET', url: '/healthz' });
      expect(after.statusCode).toBe(200);
      expect(after.json()).toEqual({ status: 'ok', database: testDb.database.kind });
    } finally {
      await app.close();
      await testDb.drop();
    }
  });
});
