import { eq } from 'drizzle-orm';
import { DEFAULT_PASS_MARKS, type PassMarks } from '../../../shared/domain/pass-rules.js';
import type { Executor } from '../../db/client.js';
import { settings } from '../../db/schema/index.js';

// Read by every result list; a few seconds' cache, and a change reaches every process within seconds.
const CACHE_MS = 5_000;
let cached: { at: number; marks: PassMarks } | undefined;

/** The province's pass marks (SPEC §2: 三类 60; 特种 theory 60, practical 70), defaults where unset. */
export async function getPassMarks(exec: Executor): Promise<PassMarks> {
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.marks;
  const [row] = await exec.select().from(settings).where(eq(settings.key, 'pass_marks'));
  const marks = { ...DEFAULT_PASS_MARKS, ...((row?.value as Partial<PassMarks> | undefined) ?? {}) };
  cached = { at: Date.now(), marks };
  return marks;
}

export async function savePassMarks(exec: Executor, marks: PassMarks, by: string | null): Promise<void> {
  await exec.insert(settings).values({ key: 'pass_marks', value: marks, updatedBy: by })
    .onConflictDoUpdate({ target: settings.key, set: { value: marks, updatedBy: by, updatedAt: new Date() } });
  cached = undefined;
}
