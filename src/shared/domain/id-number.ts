/**
 * 居民身份证号 (GB 11643-1999): 17 digits + ISO 7064 MOD 11-2 check character.
 * Birth date and gender are derived from the number so nobody types them twice.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdNumberInfo = { idNumber: string; birthDate: string; gender: 'male' | 'female' };
export type IdNumberResult = { ok: true; value: IdNumberInfo } | { ok: false; message: string };

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** `today` is injectable so the "future date" rule is testable; format YYYY-MM-DD. */
export function parseIdNumber(raw: string, today: string = new Date().toISOString().slice(0, 10)): IdNumberResult {
  const value = raw.trim().toUpperCase();
  if (value.length !== 18) return { ok: false, message: '身份证号应为18位' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, message: '身份证号前17位应为数字，最后一位为数字或X' };
  if (!/^[1-8]/.test(value)) return { ok: false, message: '身份证号的地区码无效' };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, message: '身份证号中的出生日期不存在' };
  }
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (birthDate > today) return { ok: false, message: '身份证号中的出生日期晚于今天' };
  if (idNumberCheckChar(value) !== value[17]) return { ok: false, message: '身份证号校验位错误，请核对' };
  return { ok: true, value: { idNumber: value, birthDate, gender: Number(value[16]) % 2 === 1 ? 'male' : 'female' } };
}

/** 220102********1234: region and last four stay visible, birth date hidden. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length < 10) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 6)}${'*'.repeat(idNumber.length - 10)}${idNumber.slice(-4)}`;
}

export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

export function isMainlandMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone);
}
