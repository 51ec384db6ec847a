import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy.js';

describe('checkPassword', () => {
  it('requires 8 characters and 3 of 4 classes', () => {
    expect(checkPassword('Ab1!')).toBe('密码长度至少8位');
    expect(checkPassword('abcdefgh1')).toBe('密码需包含大写字母、小写字母、数字、特殊符号中的至少3类');
    expect(checkPassword('Abcdefg1')).toBeNull();
    expect(checkPassword('abcdefg1!')).toBeNull();
  });

  it('follows a stricter policy', () => {
    expect(checkPassword('Abcdefg1', { minLength: 12, minClasses: 4 })).toBe('密码长度至少12位');
    expect(checkPassword('Abcdefghijk1', { minLength: 12, minClasses: 4 })).toMatch(/至少4类/);
  });
});
