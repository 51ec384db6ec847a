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
  /**
   * Which X-Forwarded-For hops to believe: false (none), a hop count, or the
   * proxies' addresses/CIDRs (Fastify's trustProxy). Never "every hop": that
   * would let any client choose its own address (rate limits, audit).
   */
  trustProxy: false | number | string[];
  /** Where this server is reached from outside (QR links on tickets and certificates); https:// makes cookies Secure. */
  publicBaseUrl: string;
  logLevel: string;
  /** 诚信平台人员库: public lookups allowed per client address per minute (per server process). */
  publicLookupsPerMinute: number;
  /** Distinct people (ID or certificate numbers) one enterprise may check a day: 读取原有证人员信息 and filing checks. */
  personLookupsPerDay: number;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT 无效: ${env.PORT}`);
  return {
    port,
    // With demo data (public passwords) the server listens on this machine only, unless HOST says otherwise.
    host: env.HOST ?? (env.DEMO_DATA === '1' || env.DEMO_DATA === 'true' ? '127.0.0.1' : '0.0.0.0'),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    sessionSecret: env.SESSION_SECRET || undefined,
    fieldEncryptionKey: env.FIELD_ENCRYPTION_KEY || undefined,
    demoData: env.DEMO_DATA === '1' || env.DEMO_DATA === 'true',
    webDir: path.resolve(env.WEB_DIR ?? './dist/web'),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    publicBaseUrl: parseBaseUrl(env.PUBLIC_BASE_URL, port),
    logLevel: env.LOG_LEVEL ?? 'info',
    publicLookupsPerMinute: positiveInt(env.PUBLIC_LOOKUPS_PER_MINUTE, 30, 'PUBLIC_LOOKUPS_PER_MINUTE'),
    personLookupsPerDay: positiveInt(env.PERSON_LOOKUPS_PER_DAY, 200, 'PERSON_LOOKUPS_PER_DAY'),
  };
}

/** TRUST_PROXY: unset/0 = no proxy; a number = that many proxies in front; otherwise a comma list of addresses or CIDRs. */
export function parseTrustProxy(raw: string | undefined): false | number | string[] {
  const value = (raw ?? '').trim();
  if (value === '' || value === '0' || value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'true')
    throw new Error(
      'TRUST_PROXY=true 会信任任意伪造的 X-Forwarded-For：请改为代理层数（如 1）或代理地址（如 10.0.0.2,10.0.1.0/24）',
    );
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of list) {
    if (/\/0$/.test(item)) throw new Error(`TRUST_PROXY 不能信任全部地址（${item}）：请填写反向代理的地址`);
    if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(item) && !['loopback', 'linklocal', 'uniquelocal'].includes(item))
      throw new Error(`TRUST_PROXY 无效: ${item}`);
  }
  return list;
}

function parseBaseUrl(raw: string | undefined, port: number): string {
  if (!raw) return `http://localhost:${port}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`PUBLIC_BASE_URL 无效: ${raw}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`PUBLIC_BASE_URL 应以 https:// 开头: ${raw}`);
  return url.origin;
}

function positiveInt(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} 无效: ${raw}`);
  return n;
}
