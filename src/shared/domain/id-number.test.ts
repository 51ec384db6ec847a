import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, maskIdNumber, maskPhone, parseIdNumber } from './id-number.js';

describe('parseIdNumber (GB 11643-1999)', () => {
  it('accepts the standard example and derives birth date and gender', () => {
    // 11010519491231002X is the standard's own worked example (female).
    const r = parseIdNumber('11010519491231002x');
    expect(r).toEqual({ ok: true, value: { idNumber: '11010519491231002X', birthDate: '1949-12-31', gender: 'female' } });
  });

  it('derives male from an odd 17th digit', () => {
    const first17 = '22010219900307123';
    const r = parseIdNumber(first17 + idNumberCheckChar(first17));
    expect(r.ok && r.value.gender).toBe('male');
  });

  it.each([
    ['2201021990030712', '身份证号应为18位'],
    ['22010219900307123A', '身份证号前17位应为数字，最后一位为数字或X'],
    ['11010519491231002Y', '身份证号前17位应为数字，最后一位为数字或X'],
    ['110105194912310021', '身份证号校验位错误，请核对'],
    ['110105194902300023', '身份证号中的出生日期不存在'],
    ['010105194912310021', '身份证号的地区码无效'],
  ])('refuses %s', (value, message) => {
    expect(parseIdNumber(value)).toEqual({ ok: false, message });
  });

  it('refuses a birth date after today', () => {
    const first17 = '22010220300101123';
    expect(parseIdNumber(first17 + idNumberCheckChar(first17), '2026-11-25')).toEqual({
      ok: false,
      message: '身份证号中的出生日期晚于今天',
    });
  });

  it('masks ID and phone numbers', () => {
    expect(maskIdNumber('220102199003071235')).toBe('220102********1235');
    expect(maskPhone('13812341234')).toBe('138****1234');
  });
});
