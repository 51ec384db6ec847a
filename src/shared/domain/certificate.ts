import { isSafetyCategory, isWorkType } from './categories.js';
import { defineMachine } from './machine.js';

/**
 * Certificate numbers (SPEC §2):
 *   三类人员  吉建安{category}（{year}）{7-digit serial}   e.g. 吉建安C2（2026）0000001 (full-width parentheses)
 *   特种作业  吉{letter}{work type}{year}{6-digit serial}  e.g. 吉A012026000001
 * The serial restarts each year per category (三类) or per prefix (特种); the prefix is therefore
 * the key of the counter from which serials are drawn.
 */
export type NumberParts = { provinceAbbreviation: string; category: string; year: number; jurisdictionLetter: string };

export function certificatePrefix(p: NumberParts): string {
  if (isSafetyCategory(p.category)) return `${p.provinceAbbreviation}建安${p.category}（${p.year}）`;
  if (isWorkType(p.category)) return `${p.provinceAbbreviation}${p.jurisdictionLetter}${p.category}${p.year}`;
  throw new Error(`unknown category ${p.category}`);
}

export function serialWidth(category: string): number {
  return isSafetyCategory(category) ? 7 : 6;
}

export function certificateNumber(p: NumberParts, serial: number): string {
  const width = serialWidth(p.category);
  if (!Number.isInteger(serial) || serial < 1 || serial >= 10 ** width) throw new Error(`serial ${serial} out of range`);
  return certificatePrefix(p) + String(serial).padStart(width, '0');
}

const SAFETY_NUMBER = /^(\p{Script=Han})建安(A|B|C1|C2|C3)（(\d{4})）(\d{7})$/u;
const SPECIAL_NUMBER = /^(\p{Script=Han})([A-Z])(\d{2})(\d{4})(\d{6})$/u;

/** Reads a number back into its parts, or null when it is not in either official format. */
export function parseCertificateNumber(raw: string): (NumberParts & { serial: number }) | null {
  const s = raw.trim().replace(/\(/g, '（').replace(/\)/g, '）');
  let m = SAFETY_NUMBER.exec(s);
  if (m)
    return { provinceAbbreviation: m[1]!, category: m[2]!, year: Number(m[3]), jurisdictionLetter: '', serial: Number(m[4]) };
  m = SPECIAL_NUMBER.exec(s);
  if (m && isWorkType(m[3]!))
    return { provinceAbbreviation: m[1]!, jurisdictionLetter: m[2]!, category: m[3]!, year: Number(m[4]), serial: Number(m[5]) };
  return null;
}

/** Normalises what a person typed (half-width parentheses, spaces) to the stored form. */
export function normaliseCertificateNumber(raw: string): string {
  return raw.trim().replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）').toUpperCase();
}

/** Validity from the issue date: 3 years for 三类, 2 for 特种 (SPEC §2). */
export function validityYears(category: string): number {
  return isSafetyCategory(category) ? 3 : 2;
}

/** The last day of validity: issue date plus N years, minus one day (2026-11-25 → 2029-11-24). */
export function expiryDate(issuedOn: string, category: string): string {
  const [y, m, d] = issuedOn.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + validityYears(category), m - 1, d));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

export const CERTIFICATE_STATUSES = [
  'valid',
  'suspended',
  'revoked',
  'license_revoked',
  'cancelled',
  'expired',
  'transferred_out',
] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];
export const CERTIFICATE_STATUS_LABELS: Record<CertificateStatus, string> = {
  valid: '有效',
  suspended: '暂扣',
  revoked: '撤销',
  license_revoked: '吊销',
  cancelled: '注销',
  expired: '失效',
  transferred_out: '办理转出',
};

export const QUALIFIED_LIST_STATUS_LABELS = { submitted: '待省厅确认', returned: '已退回', confirmed: '已确认' } as const;

/**
 * What a certificate is today: a 有效 certificate past its expiry date is 失效
 * even before the nightly job has written that down.
 */
export function currentStatus(status: CertificateStatus, expiresOn: string, today: string): CertificateStatus {
  return status === 'valid' && expiresOn < today ? 'expired' : status;
}

/**
 * What may happen to a certificate after issue (SPEC §5). Each action names
 * the states it may start from, where it leads, and what to say otherwise.
 * 撤销 undoes a certificate that should not have been issued (行政许可法 §69);
 * 吊销 withdraws it as a penalty (安全生产许可 / 特种作业 rules) — both final,
 * reported to the national platform under different codes. 办理转出 hands a
 * holder over to another province; until that province takes it in it may be
 * called back (取消办理转出).
 */
export const CERTIFICATE_TRANSITIONS = {
  suspend: { from: ['valid'], to: 'suspended', refusal: '只有有效的证书可以暂扣' },
  restore: { from: ['suspended'], to: 'valid', refusal: '只有暂扣中的证书可以恢复' },
  revoke: { from: ['valid', 'suspended'], to: 'revoked', refusal: '该证书已撤销、吊销、注销或失效，不能再撤销' },
  revoke_license: { from: ['valid', 'suspended'], to: 'license_revoked', refusal: '只有有效或暂扣中的证书可以吊销' },
  cancel: { from: ['valid', 'suspended', 'expired'], to: 'cancelled', refusal: '该证书已撤销、吊销或注销，不能再注销' },
  transfer_out: { from: ['valid'], to: 'transferred_out', refusal: '只有有效的证书可以办理转出' },
  cancel_transfer_out: { from: ['transferred_out'], to: 'valid', refusal: '只有办理转出中的证书可以取消转出' },
} as const satisfies Record<string, { from: readonly CertificateStatus[]; to: CertificateStatus; refusal: string }>;
export type CertificateAction = keyof typeof CERTIFICATE_TRANSITIONS;
export const CERTIFICATE_MACHINE = defineMachine<CertificateStatus, typeof CERTIFICATE_TRANSITIONS>(CERTIFICATE_TRANSITIONS);

export const CERTIFICATE_EVENT_LABELS: Record<string, string> = {
  issued: '核发',
  filed: '备案',
  changed: '信息变更',
  transferred: '变更单位',
  extended: '延期',
  suspend: '暂扣',
  restore: '恢复',
  revoke: '撤销',
  revoke_license: '吊销',
  cancel: '注销',
  transfer_out: '办理转出',
  cancel_transfer_out: '取消办理转出',
  expired: '失效',
};

/** Reminder points before expiry (SPEC §6): days ahead. */
export const EXPIRY_REMINDER_DAYS = [90, 30] as const;

/** A calendar date moved by whole years (29 February becomes 28 February when needed). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** First day of the validity period that ends on `expiresOn` (the issue date, or the day after the last extension's old expiry). */
export function validityPeriodStart(expiresOn: string, category: string): string {
  const start = new Date(`${addYears(expiresOn, -validityYears(category))}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() + 1);
  return start.toISOString().slice(0, 10);
}

/** 延期申请 may be made within this many months before expiry (SPEC §3.4). */
export const EXTENSION_WINDOW_MONTHS = 3;

/** The first day an extension may be applied for. */
export function extensionWindowOpens(expiresOn: string): string {
  const [y, m, d] = expiresOn.split('-').map(Number) as [number, number, number];
  const opens = new Date(Date.UTC(y, m - 1 - EXTENSION_WINDOW_MONTHS, d));
  if (opens.getUTCDate() !== d) opens.setUTCDate(0);
  return opens.toISOString().slice(0, 10);
}
