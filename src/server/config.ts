import { parseCreditCode } from '../shared/domain/credit-code.js';
import { DEFAULT_PROVINCE } from '../shared/domain/province.js';
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
  /** Who issues the e-certificates: goes into every report and 证照标识 (set it before the first certificate is issued). */
  nationalIssuer: NationalIssuer;
  /** The national platform's interface; absent: reports stay queued (待上报) until it is configured. */
  nationalPlatform: NationalPlatformConfig | undefined;
  /** The province's electronic seal (PKCS#12) that signs certificate PDFs; absent: a demonstration seal in DATA_DIR. */
  sealP12File: string | undefined;
  sealP12Password: string | undefined;
};

export type NationalIssuer = { provinceNum: string; name: string | undefined; creditCode: string };

/** OAuth2 client credentials per standard (the platform issues one pair for 安管 and one for 特种). */
export type NationalPlatformConfig = {
  url: string;
  clients: Record<'C0317' | 'C0304', { id: string; secret: string }>;
  /** RSA private key of the province (PKCS#8, PEM or Base64 DER): decrypts the 赋码 answer's key. */
  provincePrivateKey: string;
  /** RSA public key of the platform (SPKI, PEM or Base64 DER): encrypts the key inside the national QR link. */
  platformPublicKey: string;
  /** Where the national QR code points (the platform's verification page). */
  qrBase: string;
  /** Reports sent per round; the platform throttles (“操作太快”). */
  batchSize: number;
  /** How long one call may take before it counts as an outage and is retried later. */
  timeoutMs: number;
};

/** 吉林省住房和城乡建设厅 stand-in with a valid check character, for demonstration only. */
export const DEMO_ISSUER_CREDIT_CODE = '11220000013544357T';

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
    nationalIssuer: {
      provinceNum: env.NATIONAL_PROVINCE_NUM || `${DEFAULT_PROVINCE.jurisdictions[0]!.code.slice(0, 2)}0000`,
      name: env.NATIONAL_ISSUER_NAME || undefined,
      creditCode: parseIssuerCode(env.NATIONAL_ISSUER_CODE),
    },
    nationalPlatform: parseNationalPlatform(env),
    sealP12File: env.SEAL_P12_FILE ? path.resolve(env.SEAL_P12_FILE) : undefined,
    sealP12Password: env.SEAL_P12_PASSWORD || undefined,
  };
}

function parseIssuerCode(raw: string | undefined): string {
  if (!raw) return DEMO_ISSUER_CREDIT_CODE;
  const parsed = parseCreditCode(raw);
  if (!parsed.ok) throw new Error(`NATIONAL_ISSUER_CODE 无效（${parsed.message}）: ${raw}`);
  return parsed.value;
}

function parseNationalPlatform(env: NodeJS.ProcessEnv): NationalPlatformConfig | undefined {
  if (!env.NATIONAL_PLATFORM_URL) return undefined;
  const required = (name: string) => {
    const v = env[name];
    if (!v) throw new Error(`已设置 NATIONAL_PLATFORM_URL，还需要设置 ${name}`);
    return v;
  };
  let url: URL;
  try {
    url = new URL(env.NATIONAL_PLATFORM_URL);
  } catch {
    throw new Error(`NATIONAL_PLATFORM_URL 无效: ${env.NATIONAL_PLATFORM_URL}`);
  }
  return {
    url: url.href.replace(/\/$/, ''),
    clients: {
      C0317: { id: required('NATIONAL_C0317_CLIENT_ID'), secret: required('NATIONAL_C0317_CLIENT_SECRET') },
      C0304: { id: required('NATIONAL_C0304_CLIENT_ID'), secret: required('NATIONAL_C0304_CLIENT_SECRET') },
    },
    provincePrivateKey: required('NATIONAL_PROVINCE_PRIVATE_KEY'),
    platformPublicKey: required('NATIONAL_PLATFORM_PUBLIC_KEY'),
    qrBase: env.NATIONAL_QR_BASE || 'https://zlaq.mohurd.gov.cn/fwmh/middlepage.html',
    batchSize: positiveInt(env.NATIONAL_BATCH_SIZE, 20, 'NATIONAL_BATCH_SIZE'),
    timeoutMs: positiveInt(env.NATIONAL_TIMEOUT_MS, 30_000, 'NATIONAL_TIMEOUT_MS'),
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
