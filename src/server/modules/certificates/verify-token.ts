import { randomBytes } from 'node:crypto';

/**
 * The secret of a certificate's QR link: the certificate's id (16 bytes) and 16
 * random bytes, base64url — 43 characters. The random half makes the link
 * unguessable even to someone who knows the id; the id half lets the public
 * page find the certificate by primary key.
 */
export function newVerifyToken(certificateId: string): string {
  return Buffer.concat([Buffer.from(certificateId.replace(/-/g, ''), 'hex'), randomBytes(16)]).toString('base64url');
}

/** The certificate id inside a token, or null when the token cannot be one of ours. */
export function certificateIdOfToken(token: string): string | null {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const hex = Buffer.from(token, 'base64url').subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
