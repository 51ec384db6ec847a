import { isSafetyCategory } from './categories.js';

/** Pass marks (SPEC §2): 三类 ≥ 60; special operations theory ≥ 60 and then practical ≥ 70. Configurable. */
export type PassMarks = { safety: number; theory: number; practical: number };
export const DEFAULT_PASS_MARKS: PassMarks = { safety: 60, theory: 60, practical: 70 };

export type ScoreSheet = { theory: number | null; theoryAbsent: boolean; practical: number | null; practicalAbsent: boolean };

/** `final`: nothing more is to come from this sitting (a theory pass still waits for the practical). */
export type Verdict = { passed: boolean; label: string; final: boolean };

const PASSED: Verdict = { passed: true, label: '合格', final: true };
const failed = (label: string): Verdict => ({ passed: false, label, final: true });

export function verdict(category: string, s: ScoreSheet, marks: PassMarks = DEFAULT_PASS_MARKS): Verdict {
  if (s.theoryAbsent) return failed('缺考');
  if (s.theory === null) return { passed: false, label: '未录入', final: false };
  if (isSafetyCategory(category)) return s.theory >= marks.safety ? PASSED : failed('不合格');
  if (s.theory < marks.theory) return failed('理论不合格');
  if (s.practicalAbsent) return failed('实操缺考');
  if (s.practical === null) return { passed: false, label: '理论合格，待实操', final: false };
  return s.practical >= marks.practical ? PASSED : failed('实操不合格');
}
