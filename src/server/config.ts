import path from 'node:path';

export type Config = {
  port: number;
  host: string;
  /** Absent: embedded PGlite inside dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Secrets from the environment; missing ones are generated into dataDir (see security/secrets.ts). */
  sessionSecret: string | undefined;
  fieldEncryptionKey: string | undefined;
  /** Load demo accounts on first start. */
  demoData: boolean;
  /** Serve the built web app from this directory when it exists. */
  webDir: string;
  /** Set when the server runs behind a reverse proxy so request.ip is the client's. */
  trustProxy: boolean;
  logLevel: string;
  /** 诚信平台人员库: public lookups allowed per client address per minute (per server process). */
  publicLookupsPerMinute: number;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT 无效: ${env.PORT}`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    sessionSecret: env.SESSION_SECRET || undefined,
    fieldEncryptionKey: env.FIELD_ENCRYPTION_KEY || undefined,
    demoData: env.DEMO_DATA === '1' || env.DEMO_DATA === 'true',
    webDir: path.resolve(env.WEB_DIR ?? './dist/web'),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    publicLookupsPerMinute: positiveInt(env.PUBLIC_LOOKUPS_PER_MINUTE, 30, 'PUBLIC_LOOKUPS_PER_MINUTE'),
  };
}

function positiveInt(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} 无效: ${raw}`);
  return n;
}
