import { describe, expect, it } from 'vitest';
import { loadConfig, parseTrustProxy } from './config.js';

describe('TRUST_PROXY', () => {
  it('takes a hop count or proxy addresses, never "every hop"', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('10.0.0.2, 10.0.1.0/24')).toEqual(['10.0.0.2', '10.0.1.0/24']);
    expect(() => parseTrustProxy('true')).toThrow(/代理层数/);
    expect(() => parseTrustProxy('0.0.0.0/0')).toThrow(/全部地址/);
    expect(() => parseTrustProxy('evil.example')).toThrow(/TRUST_PROXY 无效/);
  });
});

describe('PUBLIC_BASE_URL', () => {
  it('is where QR links point; https makes it the origin of Secure cookies', () => {
    expect(loadConfig({ PORT: '3100' }).publicBaseUrl).toBe('http://localhost:3100');
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://agt.jl.gov.cn/path' }).publicBaseUrl).toBe('https://agt.jl.gov.cn');
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'ftp://x' })).toThrow(/PUBLIC_BASE_URL/);
  });
});

describe('HOST', () => {
  it('with demo data (public passwords) listens on this machine only unless HOST is set', () => {
    expect(loadConfig({ DEMO_DATA: '1' }).host).toBe('127.0.0.1');
    expect(loadConfig({ DEMO_DATA: '1', HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({}).host).toBe('0.0.0.0');
  });
});
