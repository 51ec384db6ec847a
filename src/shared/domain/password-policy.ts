export type PasswordPolicy = { minLength: number; minClasses: number };

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 8, minClasses: 3 };

/** Returns a Chinese message describing the first rule broken, or null when acceptable. */
export function checkPassword(password: string, policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY): string | null {
  if (password.length < policy.minLength) return `密码长度至少${policy.minLength}位`;
  if (password.length > 128) return '密码长度不能超过128位';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((re) => re.test(password)).length;
  if (classes < policy.minClasses) {
    return `密码需包含大写字母、小写字母、数字、特殊符号中的至少${policy.minClasses}类`;
  }
  return null;
}
