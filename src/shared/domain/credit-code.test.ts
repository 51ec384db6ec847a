import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, parseCreditCode } from './credit-code.js';

describe('parseCreditCode (GB 32100-2015)', () => {
  it('computes the check character with weights 3^i mod 31', () => {
    // Worked example from GB 32100-2015 Annex: 91350100M000100Y4 → check 3.
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(parseCreditCode('91350100m000100y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
  });

  it.each([
    ['91350100M000100Y4', '统一社会信用代码应为18位'],
    ['91350100M000100Y4I', '统一社会信用代码只能包含数字和除 I、O、S、V、Z 以外的大写字母'],
    ['91350100M000100Y44', '统一社会信用代码校验位错误，请核对'],
  ])('refuses %s', (value, message) => {
    expect(parseCreditCode(value)).toEqual({ ok: false, message });
  });
});
