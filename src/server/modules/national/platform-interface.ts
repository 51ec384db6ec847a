import forge from 'node-forge';

/**
 * The interface of the 全国工程质量安全监管信息平台 as provinces call it: OAuth2
 * client credentials per standard, the token in the query string, a JSON body
 * `{"AcceptData": [...]}` and an answer `{ReturnCode, ReturnMsg, ReturnData}`
 * with ReturnCode "1" success, "2" success with a warning, "0" refused.
 * The reference service (tools/national-platform) answers the same paths.
 */
export const TOKEN_PATH = '/epoint-soa-web/rest/oauth2/token';

export type PlatformOperation = 'fm' | 'gj' | 'update' | 'check';

export const PLATFORM_PATHS: Record<'C0317' | 'C0304', Record<PlatformOperation, string>> = {
  C0317: {
    fm: '/epoint-gateway/agryfm/rest/aqscglryrest/agry_fm',
    gj: '/epoint-gateway/agryhj/rest/aqscglryrest/agry_gj',
    update: '/epoint-gateway/agryfm/rest/aqscglryrest/agry_update',
    check: '/epoint-gateway/agrycheck/rest/agrycheckrest/Agry_Check',
  },
  C0304: {
    fm: '/epoint-gateway/tzryfm/rest/tzryzsrest/tzry_fm',
    gj: '/epoint-gateway/tzryhj/rest/tzryzsrest/tzry_gj',
    update: '/epoint-gateway/tzryfm/rest/tzryzsrest/tzry_update',
    check: '/epoint-gateway/tzrycheck/rest/tzryzsrest/tzry_check',
  },
};

export type PlatformAnswer = {
  ReturnCode: string;
  ReturnMsg?: string;
  ReturnData?: {
    SuccessData?: { eCertID?: string; encryCertid?: string; encryKey?: string; ReturnMsg?: string }[];
    ErrorData?: { ErrorGuid?: string; eCertID?: string; ErrorMsg: string }[];
    WarnData?: { WarnGuid?: string; WarnMsg: string }[];
  };
};

/** Keys come as PEM or as the Base64 DER ("Java" form) the platform hands out. */
function pemOf(key: string, kind: 'PRIVATE' | 'PUBLIC'): string {
  const k = key.trim();
  if (k.startsWith('-----')) return k;
  const body = k.replace(/\s+/g, '').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${kind} KEY-----\n${body}\n-----END ${kind} KEY-----`;
}

/**
 * RSA PKCS#1 v1.5, as the platform uses it. Node refuses PKCS#1 v1.5 private
 * decryption since CVE-2023-46809 (a timing oracle); node-forge's implementation
 * is used for exactly this interface, whose peer cannot change.
 */
export function rsaEncrypt(publicKey: string, plain: string): string {
  const key = forge.pki.publicKeyFromPem(pemOf(publicKey, 'PUBLIC'));
  return forge.util.encode64(key.encrypt(forge.util.encodeUtf8(plain), 'RSAES-PKCS1-V1_5'));
}

export function rsaDecrypt(privateKey: string, base64: string): string {
  const key = forge.pki.privateKeyFromPem(pemOf(privateKey, 'PRIVATE'));
  return forge.util.decodeUtf8(key.decrypt(forge.util.decode64(base64), 'RSAES-PKCS1-V1_5'));
}

/** DES-ECB with PKCS#7 padding, the 8-character key as its bytes, ciphertext as upper-case hex (the platform's format). */
export function desEncrypt(key8: string, plain: string): string {
  const cipher = forge.cipher.createCipher('DES-ECB', forge.util.createBuffer(key8).getBytes());
  cipher.start({});
  cipher.update(forge.util.createBuffer(forge.util.encodeUtf8(plain)));
  cipher.finish();
  return cipher.output.toHex().toUpperCase();
}

export function desDecrypt(key8: string, hex: string): string {
  const decipher = forge.cipher.createDecipher('DES-ECB', forge.util.createBuffer(key8).getBytes());
  decipher.start({});
  decipher.update(forge.util.createBuffer(forge.util.hexToBytes(hex)));
  if (!decipher.finish()) throw new Error('DES 解密失败');
  return forge.util.decodeUtf8(decipher.output.getBytes());
}

/** A 512-bit key pair in the platform's Base64 DER form (tests, the reference service, `npm run national-platform`). */
export function generatePlatformKeyPair(): { privateKey: string; publicKey: string } {
  const pair = forge.pki.rsa.generateKeyPair({ bits: 512, e: 0x10001 });
  const der = (asn1: forge.asn1.Asn1) => forge.util.encode64(forge.asn1.toDer(asn1).getBytes());
  return {
    privateKey: der(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(pair.privateKey))),
    publicKey: der(forge.pki.publicKeyToAsn1(pair.publicKey)),
  };
}

/**
 * The national QR code's content from a 赋码 answer: the platform's page with the
 * certificate's encrypted ID and the DES key encrypted for the platform.
 * Returns the decrypted 赋码 ID too (归集 names the certificate by it).
 */
export function nationalQrOf(
  answer: { encryCertid: string; encryKey: string },
  keys: { provincePrivateKey: string; platformPublicKey: string },
  link: { qrBase: string; typeCode: string; provinceNum: string },
): { qr: string; certId: string } {
  const desKey = rsaDecrypt(keys.provincePrivateKey, answer.encryKey);
  const certId = desDecrypt(desKey, answer.encryCertid);
  const q = new URLSearchParams({
    ID: desEncrypt(desKey, certId),
    k: rsaEncrypt(keys.platformPublicKey, desKey),
    certype: link.typeCode,
    province: link.provinceNum,
  });
  return { qr: `${link.qrBase}?${q}`, certId };
}
