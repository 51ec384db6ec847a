/**
 * 电子证照标识 (GB/T 36904, as used by the national platform):
 *   1.2.156.3005.2.<证照类型代码>.<颁发机构代码>.<流水号>.<3-digit version>.<check character>
 * e.g. 1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U
 * The check character is ISO/IEC 7064 MOD 37,36 over the characters of the parts after
 * the fixed prefix, dots left out. The version starts at 001 and rises with each
 * extension or change, so every issue of a certificate has its own identifier and
 * names the previous one (associatedZzeCertID).
 */
export const IDENTIFIER_PREFIX = '1.2.156.3005.2';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const M = 36;

/** ISO/IEC 7064 hybrid system MOD 37,36: one check character from 0-9A-Z. */
export function mod3736CheckChar(data: string): string {
  let p = M;
  for (const ch of data.toUpperCase()) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error(`character ${JSON.stringify(ch)} is not in the MOD 37,36 alphabet`);
    let s = (p + v) % M;
    if (s === 0) s = M;
    p = (s * 2) % (M + 1);
  }
  return ALPHABET[(M + 1 - p) % M]!;
}

/** True when the last character is the MOD 37,36 check of the rest. */
export function mod3736Valid(dataWithCheck: string): boolean {
  if (dataWithCheck.length < 2) return false;
  try {
    return mod3736CheckChar(dataWithCheck.slice(0, -1)) === dataWithCheck.slice(-1).toUpperCase();
  } catch {
    return false;
  }
}

export type IdentifierParts = {
  /** 证照类型代码 of the standard (C0317 安管, C0304 特种). */
  typeCode: string;
  /** 颁发机构代码: the issuing authority's 统一社会信用代码. */
  issuerCode: string;
  /** 流水号: unique per issuer and type. */
  serial: string;
  /** 1 for the first issue, +1 per extension or change. */
  version: number;
};

const PART = /^[0-9A-Z]+$/;

export function certificateIdentifier(p: IdentifierParts): string {
  if (!Number.isInteger(p.version) || p.version < 1 || p.version > 999) throw new Error(`version ${p.version} out of range`);
  for (const [name, value] of Object.entries({ typeCode: p.typeCode, issuerCode: p.issuerCode, serial: p.serial }))
    if (!PART.test(value)) throw new Error(`${name} ${JSON.stringify(value)} must be digits and capital letters`);
  const body = [p.typeCode, p.issuerCode, p.serial, String(p.version).padStart(3, '0')];
  return [IDENTIFIER_PREFIX, ...body, mod3736CheckChar(body.join(''))].join('.');
}

/** Reads an identifier back, or null when its shape or check character is wrong. */
export function parseCertificateIdentifier(raw: string): (IdentifierParts & { check: string }) | null {
  if (!raw.startsWith(`${IDENTIFIER_PREFIX}.`)) return null;
  const parts = raw.slice(IDENTIFIER_PREFIX.length + 1).split('.');
  if (parts.length !== 5) return null;
  const [typeCode, issuerCode, serial, version, check] = parts as [string, string, string, string, string];
  if (![typeCode, issuerCode, serial].every((x) => PART.test(x)) || !/^\d{3}$/.test(version) || !/^[0-9A-Z]$/.test(check))
    return null;
  if (mod3736CheckChar(typeCode + issuerCode + serial + version) !== check) return null;
  return { typeCode, issuerCode, serial, version: Number(version), check };
}
