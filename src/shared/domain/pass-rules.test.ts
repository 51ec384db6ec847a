import { describe, expect, it } from 'vitest';
import { verdict } from './pass-rules.js';

const sheet = (theory: number | null, practical: number | null = null, theoryAbsent = false, practicalAbsent = false) => ({
  theory,
  practical,
  theoryAbsent,
  practicalAbsent,
});

describe('pass rules', () => {
  it('三类: one paper, pass at 60', () => {
    expect(verdict('C2', sheet(60))).toEqual({ passed: true, label: '合格', final: true });
    expect(verdict('C2', sheet(59.5))).toEqual({ passed: false, label: '不合格', final: true });
    expect(verdict('A', sheet(null, null, true))).toEqual({ passed: false, label: '缺考', final: true });
  });

  it('特种: theory ≥ 60, then practical ≥ 70', () => {
    expect(verdict('01', sheet(80, 70))).toEqual({ passed: true, label: '合格', final: true });
    expect(verdict('01', sheet(80, 69.5))).toEqual({ passed: false, label: '实操不合格', final: true });
    expect(verdict('01', sheet(59, 90))).toEqual({ passed: false, label: '理论不合格', final: true });
    expect(verdict('01', sheet(75))).toEqual({ passed: false, label: '理论合格，待实操', final: false });
    expect(verdict('01', sheet(75, null, false, true))).toEqual({ passed: false, label: '实操缺考', final: true });
  });

  it('follows configured marks', () => {
    expect(verdict('B', sheet(65), { safety: 70, theory: 60, practical: 70 }).passed).toBe(false);
  });
});
