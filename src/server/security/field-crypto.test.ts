import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldCrypto } from './field-crypto.js';
import { generatePassword } from './passwords.js';
import { checkPassword } from '../../shared/domain/password-policy.js';

describe('FieldCrypto', () => {
  const crypto = new FieldCrypto(randomBytes(32));

  it('round-trips and never repeats a ciphertext', () => {
    const a = crypto.encrypt('220102199003071235');
    const b = crypto.encrypt('220102199003071235');
    expect(a).not.toBe(b);
    expect(a).not.toContain('220102');
    expect(crypto.decrypt(a)).toBe('220102199003071235');
  });

  it('encrypts many values at once, each with its own IV', () => {
    const values = Array.from({ length: 1000 }, (_, i) => `22010219900307${String(i).padStart(4, '0')}`);
    const sealed = crypto.encryptMany(values);
    expect(new Set(sealed.map((s) => s.split('.')[1])).size).toBe(1000);
    expect(sealed.map((s) => crypto.decrypt(s))).toEqual(values);
  });

  it('detects tampering (authenticated encryption)', () => {
    const parts = crypto.encrypt('13800000001').split('.');
    const data = Buffer.from(parts[3], 'base64url');
    data[0] ^= 1;
    parts[3] = data.toString('base64url');
    expect(() => crypto.decrypt(parts.join('.'))).toThrow();
  });

  it('refuses a ciphertext made with another key', () => {
    const other = new FieldCrypto(randomBytes(32));
    expect(() => other.decrypt(crypto.encrypt('x'))).toThrow();
  });

  it('gives stable lookup hashes per kind', () => {
    expect(crypto.lookupHash('id', 'a')).toBe(crypto.lookupHash('id', 'a'));
    expect(crypto.lookupHash('id', 'a')).not.toBe(crypto.lookupHash('phone', 'a'));
  });
});

describe('generatePassword', () => {
  it('always satisfies the password policy', () => {
    for (let i = 0; i < 200; i++) expect(checkPassword(generatePassword())).toBeNull();
  });
});
