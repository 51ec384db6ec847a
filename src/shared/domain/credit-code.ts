/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-letter alphabet
 * (no I, O, S, V, Z); the last one is a check character with weights 3^i mod 31.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET[check];
}

export type CreditCodeResult = { ok: true; value: string } | { ok: false; message: string };

export function parseCreditCode(raw: string): CreditCodeResult {
  const value = raw.trim().toUpperCase();
  if (value.length !== 18) return { ok: false, message: '统一社会信用代码应为18位' };
  if (![...value].every((c) => ALPHABET.includes(c))) {
    return { ok: false, message: '统一社会信用代码只能包含数字和除 I、O、S、V、Z 以外的大写字母' };
  }
  if (creditCodeCheckChar(value) !== value[17]) return { ok: false, message: '统一社会信用代码校验位错误，请核对' };
  return { ok: true, value };
}
