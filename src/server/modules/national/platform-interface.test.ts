import { describe, expect, it } from 'vitest';
import { desDecrypt, desEncrypt, generatePlatformKeyPair, nationalQrOf, rsaDecrypt, rsaEncrypt } from './platform-interface.js';

describe('the platform’s 赋码 cryptography', () => {
  // A worked example from the public reference implementation (Bruce1165/ryzggl, ZYRYJG/test.aspx.cs):
  // DES-ECB, PKCS#7, the 8-digit key as its bytes, upper-case hex.
  it('decrypts the reference example', () => {
    expect(desDecrypt('30041532', 'E941DF69380267CA328282F15D461A16EE8E2F319018C34F')).toBe('1100002023000004859');
    expect(desEncrypt('30041532', '1100002023000004859')).toBe('E941DF69380267CA328282F15D461A16EE8E2F319018C34F');
  });

  it('RSA PKCS#1 v1.5 round trip with keys in the platform’s Base64 DER form', () => {
    const keys = generatePlatformKeyPair();
    expect(keys.privateKey).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(rsaDecrypt(keys.privateKey, rsaEncrypt(keys.publicKey, '30041532'))).toBe('30041532');
  });

  it('builds the national QR link from a 赋码 answer', () => {
    const province = generatePlatformKeyPair();
    const platform = generatePlatformKeyPair();
    const answer = {
      encryCertid: desEncrypt('12345678', '2200002026000000001'),
      encryKey: rsaEncrypt(province.publicKey, '12345678'),
    };
    const { qr, certId } = nationalQrOf(
      answer,
      { provincePrivateKey: province.privateKey, platformPublicKey: platform.publicKey },
      { qrBase: 'https://zlaq.mohurd.gov.cn/fwmh/middlepage.html', typeCode: '11100000000013338W011', provinceNum: '220000' },
    );
    expect(certId).toBe('2200002026000000001');
    const url = new URL(qr);
    expect(url.searchParams.get('ID')).toBe(answer.encryCertid);
    expect(rsaDecrypt(platform.privateKey, url.searchParams.get('k')!)).toBe('12345678');
    expect(url.searchParams.get('certype')).toBe('11100000000013338W011');
    expect(url.searchParams.get('province')).toBe('220000');
  });

  it('a wrong key is an error, not a wrong QR code', () => {
    expect(() => desDecrypt('87654321', 'E941DF69380267CA328282F15D461A16EE8E2F319018C34F')).toThrow();
  });
});
