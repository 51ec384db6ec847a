import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { FieldCrypto } from '../../security/field-crypto.js';

/** RFC 6238 defaults every authenticator app understands: SHA-1, 6 digits, 30 seconds. */
const PERIOD = 30;
export const TOTP_ISSUER = '安管通';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });
}

/**
 * The time step a 6-digit code belongs to, or null. One step either side is
 * accepted for clock drift between the phone and the server.
 */
export function matchingStep(secretBase32: string, code: string, now: Date): number | null {
  const totp = totpFor(secretBase32, 'x');
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return totp.counter({ timestamp: now.getTime() }) + delta;
}

// Crockford-like alphabet without 0/O/1/I/L: codes are read off paper and typed by hand.
const RECOVERY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const RECOVERY_CODE_COUNT = 10;

/** Ten codes of 10 characters (≈ 49 bits each), shown as XXXXX-XXXXX. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
    return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
  });
}

export function looksLikeTotpCode(code: string): boolean {
  return /^\d{6}$/.test(code);
}

/**
 * Recovery codes are random, so a keyed hash is as good as a slow one; binding
 * it to the account means a code works for its own account only.
 */
export function recoveryCodeHash(crypto: FieldCrypto, accountId: string, code: string): string {
  return crypto.lookupHash('recovery', `${accountId}:${code.replace(/[\s-]/g, '').toUpperCase()}`);
}
