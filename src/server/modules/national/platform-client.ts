import type { NationalPlatformConfig } from '../../config.js';
import { PLATFORM_PATHS, TOKEN_PATH, type PlatformAnswer, type PlatformOperation } from './platform-interface.js';

/** The platform could not be reached or answered nonsense: try again later (nothing was decided). */
export class PlatformUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlatformUnavailable';
  }
}

export type NationalPlatformClient = {
  call(standard: 'C0317' | 'C0304', op: PlatformOperation, acceptData: Record<string, unknown>[]): Promise<PlatformAnswer>;
};

/**
 * Calls the platform with the standard's own OAuth2 client credentials. Tokens are
 * kept per process until five minutes before they expire, and fetched again once
 * when the platform says a token is no longer valid (HTTP 401).
 */
export function createPlatformClient(cfg: NationalPlatformConfig, fetchImpl: typeof fetch = fetch): NationalPlatformClient {
  const tokens = new Map<string, { token: string; until: number }>();

  const request = async (url: string, init: RequestInit): Promise<Response> => {
    try {
      return await fetchImpl(url, { ...init, signal: AbortSignal.timeout(cfg.timeoutMs) });
    } catch (err) {
      const why = err instanceof Error && err.name === 'TimeoutError' ? '响应超时' : '无法连接';
      throw new PlatformUnavailable(`全国平台${why}`);
    }
  };

  const tokenFor = async (standard: 'C0317' | 'C0304'): Promise<string> => {
    const cached = tokens.get(standard);
    if (cached && cached.until > Date.now()) return cached.token;
    const { id, secret } = cfg.clients[standard];
    const res = await request(cfg.url + TOKEN_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: id, client_secret: secret, grant_type: 'client_credentials' }).toString(),
    });
    const body = (await res.json().catch(() => null)) as {
      custom?: { access_token?: string; expires_in?: number };
      status?: { code?: string; text?: string };
    } | null;
    const token = body?.custom?.access_token;
    if (!res.ok || body?.status?.code !== '1' || !token)
      throw new PlatformUnavailable(`全国平台登录失败（HTTP ${res.status}${body?.status?.text ? `：${body.status.text}` : ''}）`);
    const seconds = Number(body.custom?.expires_in ?? 3600);
    tokens.set(standard, { token, until: Date.now() + Math.max(0, seconds - 300) * 1000 });
    return token;
  };

  const call: NationalPlatformClient['call'] = async (standard, op, acceptData) => {
    for (let attempt = 0; ; attempt++) {
      const token = await tokenFor(standard);
      const res = await request(`${cfg.url}${PLATFORM_PATHS[standard][op]}?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ AcceptData: acceptData }),
      });
      if (res.status === 401 && attempt === 0) {
        tokens.delete(standard);
        continue;
      }
      if (!res.ok) throw new PlatformUnavailable(`全国平台暂不可用（HTTP ${res.status}）`);
      const answer = (await res.json().catch(() => null)) as PlatformAnswer | null;
      if (!answer || typeof answer.ReturnCode !== 'string') throw new PlatformUnavailable('全国平台的应答无法识别');
      return answer;
    }
  };

  return { call };
}
