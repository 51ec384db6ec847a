import { DEFAULT_STUDY_RULES, type StudyRules } from '../../../shared/domain/study-rules.js';
import type { Executor } from '../../db/client.js';
import { cachedSetting } from '../settings/settings-cache.js';

const rulesSetting = cachedSetting<StudyRules>('study_rules', (stored) => ({
  ...DEFAULT_STUDY_RULES,
  ...((stored as Partial<StudyRules> | undefined) ?? {}),
}));

/** The province's study rules (required hours, caps, capture timing), defaults where unset. Read on every heartbeat. */
export const getStudyRules = (exec: Executor): Promise<StudyRules> => rulesSetting.get(exec);

export const saveStudyRules = (exec: Executor, rules: Partial<StudyRules>, by: string | null): Promise<void> =>
  rulesSetting.save(exec, rules, by);
