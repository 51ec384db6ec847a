import { DEFAULT_PASS_MARKS, type PassMarks } from '../../../shared/domain/pass-rules.js';
import type { Executor } from '../../db/client.js';
import { cachedSetting } from '../settings/settings-cache.js';

const marksSetting = cachedSetting<PassMarks>('pass_marks', (stored) => ({
  ...DEFAULT_PASS_MARKS,
  ...((stored as Partial<PassMarks> | undefined) ?? {}),
}));

/** The province's pass marks (SPEC §2: 三类 60; 特种 theory 60, practical 70), defaults where unset. Read by every result list. */
export const getPassMarks = (exec: Executor): Promise<PassMarks> => marksSetting.get(exec);

export const savePassMarks = (exec: Executor, marks: PassMarks, by: string | null): Promise<void> =>
  marksSetting.save(exec, marks, by);
