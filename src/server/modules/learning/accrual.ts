import type { InvalidReason, StudyRules } from '../../../shared/domain/study-rules.js';

/**
 * How much of the time since the last heartbeat counts as study (SPEC §4).
 * Pure: the server clock comes in as `now`, everything else from the database.
 */
export type AccrualInput = {
  now: Date;
  lastHeartbeatAt: Date;
  reportedPosition: number;
  furthestPosition: number;
  playing: boolean;
  visible: boolean;
  lessonDurationSeconds: number;
  creditedForLesson: number;
  creditedToday: number;
  /** The snapshot the credit would depend on; null when none is valid or one is overdue. */
  snapshotId: string | null;
};

export type Accrual = {
  credited: number;
  invalid: { seconds: number; reason: InvalidReason }[];
  furthestPosition: number;
  positionRefused: boolean;
};

export function accrue(input: AccrualInput, rules: StudyRules): Accrual {
  const elapsed = Math.max(0, Math.floor((input.now.getTime() - input.lastHeartbeatAt.getTime()) / 1000));
  const window = Math.min(elapsed, rules.heartbeatCapSeconds);
  const invalid: Accrual['invalid'] = [];
  const refuse = (seconds: number, reason: InvalidReason) => {
    if (seconds > 0) invalid.push({ seconds, reason });
  };
  refuse(elapsed - window, 'gap');

  const allowed = input.furthestPosition + window + rules.positionToleranceSeconds;
  const positionRefused = input.reportedPosition > allowed;
  const furthestPosition = positionRefused
    ? input.furthestPosition
    : Math.max(input.furthestPosition, Math.min(input.reportedPosition, input.lessonDurationSeconds));
  const done = (credited: number): Accrual => ({ credited, invalid, furthestPosition, positionRefused });

  if (!input.visible) return (refuse(window, 'hidden'), done(0));
  if (!input.playing) return (refuse(window, 'paused'), done(0));
  if (positionRefused) return (refuse(window, 'position_jump'), done(0));
  if (!input.snapshotId) return (refuse(window, 'capture_missing'), done(0));

  const lessonLeft = Math.max(0, input.lessonDurationSeconds - input.creditedForLesson);
  const todayLeft = Math.max(0, rules.dailyCapHours * 45 * 60 - input.creditedToday);
  const credited = Math.min(window, lessonLeft, todayLeft);
  if (credited < window) refuse(window - credited, todayLeft < lessonLeft ? 'daily_cap' : 'lesson_complete');
  return done(credited);
}
