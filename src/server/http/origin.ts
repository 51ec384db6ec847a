import type { Config } from '../config.js';

/**
 * Where a QR code should point: the configured public address, never the
 * request's Host header (which any client sets as it likes).
 */
export const originOf = (config: Pick<Config, 'publicBaseUrl'>) => config.publicBaseUrl;

/** Cookies are Secure whenever the product is served over https. */
export const secureCookies = (config: Pick<Config, 'publicBaseUrl'>) => config.publicBaseUrl.startsWith('https://');
