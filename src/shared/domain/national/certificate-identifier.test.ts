import { describe, expect, it } from 'vitest';
import { certificateIdentifier, mod3736CheckChar, mod3736Valid, parseCertificateIdentifier } from './certificate-identifier.js';

describe('ISO/IEC 7064 MOD 37,36', () => {
  // Worked by hand: p starts at 36; per character s = (p + v) mod 36 (0 → 36), p = 2s mod 37; check = (37 − p) mod 36.
  it.each([
    ['0', '2'], // s = 36, p = 72 mod 37 = 35, check = 2
    ['A', 'H'], // v 10: s = 10, p = 20, check = 17 → H
    ['AB', 'C'], // then v 11: s = 31, p = 62 mod 37 = 25, check = 12 → C
    ['Z', '4'], // v 35: s = 35, p = 70 mod 37 = 33, check = 4
    ['00', '4'], // s = 36, p = 35; then s = 35, p = 33; check = 4
  ])('check character of %s', (data, check) => {
    expect(mod3736CheckChar(data)).toBe(check);
  });

  it('the national example ends in U', () => {
    expect(mod3736CheckChar('11100000000013338W01111430000006122244L20230000403001')).toBe('U');
  });

  it('a string with its check character passes the ISO rule "s = 1 after the last character"', () => {
    const A = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let n = 0; n < 200; n++) {
      const data = Array.from({ length: 1 + (n % 40) }, (_, i) => A[(n * 7 + i * 13) % 36]).join('');
      let p = 36;
      let s = 0;
      for (const ch of data + mod3736CheckChar(data)) {
        s = (p + A.indexOf(ch)) % 36 || 36;
        p = (s * 2) % 37;
      }
      expect(s).toBe(1);
    }
  });

  it('detects every single substitution and adjacent transposition of the example', () => {
    const good = '11100000000013338W01111430000006122244L20230000403001U';
    expect(mod3736Valid(good)).toBe(true);
    const A = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let i = 0; i < good.length; i++)
      for (const ch of A) if (ch !== good[i]) expect(mod3736Valid(good.slice(0, i) + ch + good.slice(i + 1))).toBe(false);
    for (let i = 0; i + 1 < good.length; i++) {
      if (good[i] === good[i + 1]) continue;
      const swapped = good.slice(0, i) + good[i + 1] + good[i] + good.slice(i + 2);
      expect(mod3736Valid(swapped)).toBe(false);
    }
  });

  it('refuses characters outside 0-9A-Z', () => {
    expect(() => mod3736CheckChar('12.3')).toThrow();
    expect(mod3736Valid('1.2')).toBe(false);
  });
});

describe('证照标识', () => {
  it('builds the national example', () => {
    expect(
      certificateIdentifier({
        typeCode: '11100000000013338W011',
        issuerCode: '11430000006122244L',
        serial: '20230000403',
        version: 1,
      }),
    ).toBe('1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U');
  });

  it('a new version has a new check character and reads back', () => {
    const v2 = certificateIdentifier({
      typeCode: '11100000000013338W011',
      issuerCode: '11430000006122244L',
      serial: '20230000403',
      version: 2,
    });
    expect(v2).toMatch(/\.002\.[0-9A-Z]$/);
    expect(v2).not.toBe('1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.002.U');
    expect(parseCertificateIdentifier(v2)).toMatchObject({ version: 2, serial: '20230000403' });
  });

  it('refuses a wrong check character, a wrong prefix and bad parts', () => {
    expect(parseCertificateIdentifier('1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.V')).toBeNull();
    expect(parseCertificateIdentifier('1.2.156.3005.3.11100000000013338W011.11430000006122244L.20230000403.001.U')).toBeNull();
    expect(() => certificateIdentifier({ typeCode: 'x', issuerCode: '1', serial: '1', version: 1 })).toThrow();
    expect(() => certificateIdentifier({ typeCode: 'A', issuerCode: '1', serial: '1', version: 1000 })).toThrow();
  });
});
