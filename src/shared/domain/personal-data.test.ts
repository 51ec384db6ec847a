import { describe, expect, it } from 'vitest';
import { findIdNumbers, findMobiles, redactPersonalData } from './personal-data.js';

describe('personal data recognition', () => {
  it('finds valid ID numbers and standalone mobiles, not serials or ticket numbers', () => {
    const text = '账号 11010519491231002X 手机13900000002，准考证号 2026220100001001，证书 吉A012026000001，时间 1764547200000';
    expect(findIdNumbers(text)).toEqual(['11010519491231002X']);
    expect(findMobiles(text)).toEqual(['13900000002']);
    expect(findIdNumbers('110105194912310021')).toEqual([]); // wrong check character
    // A hex hash with a long digit run is not a phone number.
    expect(findMobiles('"9f13412345678ab0"')).toEqual([]);
  });

  it('masks them anywhere inside a value', () => {
    expect(redactPersonalData({ username: '11010519491231002x', list: ['13900000002'], n: 3 })).toEqual({
      username: '110105********002X',
      list: ['139****0002'],
      n: 3,
    });
  });
});
