import { isSafetyCategory } from './categories.js';

/** Pass marks (SPEC §2): 三类 ≥ 60; special operations theory ≥ 60 and then practical ≥ 70. Configurable. */
export type PassMarks = { safety: number; theory: number; practical: number };
export const DEFAULT_PASS_MARKS: PassMarks = { safety: 60, theory: 60, practical: 70 };

export type ScoreSheet = { theory: number | null; theoryAbsent: boolean; practical: number | null; practicalAbsent: boolean };

export type Verdict = { passed: boolean; label: string };

export function verdict(category: string, s: ScoreSheet, marks: PassMarks = DEFAULT_PASS_MARKS): Verdict {
  if (s.theoryAbsent) return { passed: false, label: '缺考' };
  if (s.theory === null) return { passed: false, label: '未录入' };
  if (isSafetyCategory(category)) return s.theory >= marks.safety ? { passed: true, label: '合格' } : { passed: false, label: '不合格' };
  if (s.theory < marks.theory) return { passed: false, label: '理论不合格' };
  if (s.practicalAbsent) return { passed: false, label: '实操缺考' };
  if (s.practical === null) return { passed: false, label: '理论合格，待实操' };
  return s.practical >= marks.practical ? { passed: true, label: '合格' } : { passed: false, label: '实操不合格' };
}
