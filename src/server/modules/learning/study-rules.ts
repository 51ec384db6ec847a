import { eq } from 'drizzle-orm';
import { DEFAULT_STUDY_RULES, type StudyRules } from '../../../shared/domain/study-rules.js';
import type { Executor } from '../../db/client.js';
import { settings } from '../../db/schema/index.js';

// Read on every heartbeat: a few seconds' cache keeps it off the database, and a
// change still reaches every process within seconds.
const CACHE_MS = 5_000;
let cached: { at: number; rules: StudyRules } | undefined;

/** The province's study rules (required hours, caps, capture timing), defaults where unset. */
export async function getStudyRules(exec: Executor): Promise<StudyRules> {
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.rules;
  const [row] = await exec.select().from(settings).where(eq(settings.key, 'study_rules'));
  const rules = { ...DEFAULT_STUDY_RULES, ...((row?.value as Partial<StudyRules> | undefined) ?? {}) };
  cached = { at: Date.now(), rules };
  return rules;
}

export async function saveStudyRules(exec: Executor, rules: Partial<StudyRules>, by: string | null): Promise<void> {
  await exec.insert(settings).values({ key: 'study_rules', value: rules, updatedBy: by })
    .onConflictDoUpdate({ target: settings.key, set: { value: rules, updatedBy: by, updatedAt: new Date() } });
  cached = undefined;
}
