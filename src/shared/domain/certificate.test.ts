import { describe, expect, it } from 'vitest';
import { certificateNumber, expiryDate, normaliseCertificateNumber, parseCertificateNumber } from './certificate.js';

const jl = { provinceAbbreviation: '吉', jurisdictionLetter: 'A', year: 2026 };

describe('certificate numbers', () => {
  it('formats 三类 numbers with full-width parentheses and 7 digits', () => {
    expect(certificateNumber({ ...jl, category: 'C2' }, 1)).toBe('吉建安C2（2026）0000001');
  });
  it('formats special-operations numbers with letter, work type, year and 6 digits', () => {
    expect(certificateNumber({ ...jl, category: '01' }, 1)).toBe('吉A012026000001');
    expect(certificateNumber({ ...jl, jurisdictionLetter: 'H', category: '11' }, 123456)).toBe('吉H112026123456');
  });
  it('refuses a serial that does not fit', () => {
    expect(() => certificateNumber({ ...jl, category: '01' }, 1_000_000)).toThrow();
    expect(() => certificateNumber({ ...jl, category: 'A' }, 0)).toThrow();
  });
  it('parses both formats back, accepting half-width parentheses', () => {
    expect(parseCertificateNumber('吉建安C2(2026)0000001')).toMatchObject({ category: 'C2', year: 2026, serial: 1 });
    expect(parseCertificateNumber('吉A012026000001')).toMatchObject({ category: '01', jurisdictionLetter: 'A', serial: 1 });
    expect(parseCertificateNumber('吉A132026000001')).toBeNull(); // 13 is no work type
    expect(parseCertificateNumber('吉建安D（2026）0000001')).toBeNull();
    expect(parseCertificateNumber('吉A01202600001')).toBeNull();
  });
  it('normalises typed numbers', () => {
    expect(normaliseCertificateNumber(' 吉建安c2 (2026)0000001 ')).toBe('吉建安C2（2026）0000001');
  });
});

describe('validity', () => {
  it('runs 3 years for 三类 and 2 for 特种, ending the day before the anniversary', () => {
    expect(expiryDate('2026-11-25', 'C2')).toBe('2029-11-24');
    expect(expiryDate('2026-11-25', '05')).toBe('2028-11-24');
    expect(expiryDate('2028-02-29', '01')).toBe('2030-02-28');
    expect(expiryDate('2026-01-01', 'A')).toBe('2028-12-31');
  });
});

describe('extension dates', () => {
  it('moves expiry by whole years and finds the period start', async () => {
    const { addYears, validityPeriodStart, extensionWindowOpens } = await import('./certificate.js');
    expect(addYears('2029-11-24', 3)).toBe('2032-11-24');
    expect(addYears('2028-02-29', 2)).toBe('2030-02-28');
    expect(validityPeriodStart('2029-11-24', 'C2')).toBe('2026-11-25');
    expect(validityPeriodStart('2032-11-24', 'C2')).toBe('2029-11-25');
    expect(validityPeriodStart('2028-11-24', '01')).toBe('2026-11-25');
    expect(extensionWindowOpens('2029-11-24')).toBe('2029-08-24');
    expect(extensionWindowOpens('2029-05-31')).toBe('2029-02-28');
  });
});
