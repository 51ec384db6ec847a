import { idNumberCheckChar, maskIdNumber, maskPhone } from './id-number.js';

/**
 * Recognises the personal identifiers this product must never write where they
 * do not belong (audit detail, responses to callers not entitled to them).
 * An 18-character ID number counts only with a valid check character and a
 * mobile number only when it stands alone (no digit or letter beside it), so ticket numbers, serials and
 * timestamps (long digit runs) are not mistaken for either.
 */
const ID_NUMBER = /(?<![0-9A-Za-z])[1-8]\d{16}[\dXx](?![0-9A-Za-z])/g;
// Letters around it mean a token or hash (hex keyed hashes hold long digit runs), not a phone number.
const MOBILE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;

export function findIdNumbers(text: string): string[] {
  return [...text.matchAll(ID_NUMBER)].map((m) => m[0].toUpperCase()).filter((v) => idNumberCheckChar(v) === v[17]);
}

export function findMobiles(text: string): string[] {
  return [...text.matchAll(MOBILE)].map((m) => m[0]);
}

function redactText(text: string): string {
  return text
    .replace(ID_NUMBER, (v) => (idNumberCheckChar(v.toUpperCase()) === v.toUpperCase()[17] ? maskIdNumber(v.toUpperCase()) : v))
    .replace(MOBILE, (v) => maskPhone(v));
}

/** The same value with every full ID or mobile number inside any string replaced by its mask. */
export function redactPersonalData<T>(value: T): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactPersonalData(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactPersonalData(v)])) as T;
  }
  return value;
}
