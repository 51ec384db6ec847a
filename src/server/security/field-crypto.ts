import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Sensitive fields (ID numbers, phone numbers, exam-client secrets) are stored
 * as AES-256-GCM ciphertext plus, where lookup is needed, an HMAC-SHA256 keyed
 * hash. Both keys derive from the one field-encryption key.
 */
export class FieldCrypto {
  private readonly encKey: Buffer;
  private readonly hashKey: Buffer;

  constructor(masterKey: Buffer) {
    this.encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'agt-field-encryption', 32));
    this.hashKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'agt-field-lookup-hash', 32));
  }

  /** Format: v1.<iv>.<tag>.<ciphertext>, base64url parts. */
  encrypt(plain: string): string {
    return this.encryptMany([plain])[0]!;
  }

  /** Many values at once (imports): one draw of random IVs for all of them instead of one per value. */
  encryptMany(plains: string[]): string[] {
    const ivs = randomBytes(12 * plains.length);
    return plains.map((plain, i) => {
      const iv = ivs.subarray(i * 12, i * 12 + 12);
      const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
    });
  }

  decrypt(stored: string): string {
    const [version, iv, tag, data] = stored.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('unknown ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Deterministic keyed hash for exact-match lookup (unique indexes, login by ID number). */
  lookupHash(kind: string, value: string): string {
    return createHmac('sha256', this.hashKey).update(`${kind}:${value}`).digest('base64url');
  }
}
