import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from './id-number.js';
import { checkFiling } from './legacy-filing.js';

const id = '22010219750304451' + idNumberCheckChar('22010219750304451');
const base = {
  name: '陈建国',
  idNumber: id,
  category: 'C2',
  number: '吉建安C2（2024）0000123',
  issuedOn: '2024-03-01',
  expiresOn: '2027-02-28',
};
const fields = (over: Partial<typeof base> & { otherWorkTypeName?: string }) => {
  const r = checkFiling({ ...base, ...over }, '2026-11-25');
  return r.ok ? [] : r.problems.map((p) => p.field);
};

describe('legacy filing rules', () => {
  it('accepts a right filing and normalises the number', () => {
    const r = checkFiling({ ...base, number: '吉建安c2(2024)0000123' }, '2026-11-25');
    expect(r.ok && r.value.number).toBe('吉建安C2（2024）0000123');
  });
  it('names each wrong field', () => {
    expect(fields({ name: '陈' })).toEqual(['name']);
    expect(fields({ idNumber: '220102197503044519' })).toEqual(['idNumber']);
    expect(fields({ category: 'D' })).toEqual(['category', 'number']);
    expect(fields({ number: '吉A012024000123' })).toEqual(['number']);
    expect(fields({ number: '辽建安C2（2024）0000123' })).toEqual(['number']);
    expect(fields({ issuedOn: '2024-02-30' })).toEqual(['issuedOn']);
    expect(fields({ issuedOn: '2023-03-01' })).toEqual(['issuedOn']);
    expect(fields({ expiresOn: '2024-03-01' })).toEqual(['expiresOn']);
    expect(fields({ category: '99', number: '吉A992024000001' })).toEqual(['otherWorkTypeName']);
  });
});
