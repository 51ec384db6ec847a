/**
 * A second server process for the multi-process tests: the real app on the
 * PostgreSQL database of the calling test (already migrated and seeded), with
 * the caller's secrets, on a free port. Prints `listening <port>` when ready.
 */
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openPostgres } from '../src/server/db/client.js';

const url = process.env.SECOND_PROCESS_DATABASE_URL;
const secrets = process.env.SECOND_PROCESS_SECRETS;
if (!url || !secrets) throw new Error('SECOND_PROCESS_DATABASE_URL and SECOND_PROCESS_SECRETS are required');
const [sessionSecret, fieldEncryptionKey] = secrets.split(':').map((hex) => Buffer.from(hex, 'hex'));
const database = openPostgres(url, 5);
const { app } = await buildApp({
  config: { ...loadConfig({}), webDir: '/nonexistent' },
  database,
  secrets: { sessionSecret, fieldEncryptionKey },
  logger: false,
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
const stop = async () => {
  await app.close();
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop()); // the test process went away: so does this one
process.stdin.resume();
