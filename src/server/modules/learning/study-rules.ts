import { eq } from 'drizzle-orm';
import { DEFAULT_STUDY_RULES, type StudyRules } from '../../../shared/domain/study-rules.js';
import type { Executor } from '../../db/client.js';
import { settings } from '../../db/schema/index.js';

/** The province's study rules (required hours, caps, capture timing), defaults where unset. */
export async function getStudyRules(exec: Executor): Promise<StudyRules> {
  const [row] = await exec.select().from(settings).where(eq(settings.key, 'study_rules'));
  return { ...DEFAULT_STUDY_RULES, ...((row?.value as Partial<StudyRules> | undefined) ?? {}) };
}
