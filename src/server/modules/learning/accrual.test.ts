import { describe, expect, it } from 'vitest';
import { DEFAULT_STUDY_RULES } from '../../../shared/domain/study-rules.js';
import { accrue, type AccrualInput } from './accrual.js';

const t0 = new Date('2026-11-25T02:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const base: AccrualInput = {
  now: at(30),
  lastHeartbeatAt: t0,
  reportedPosition: 30,
  furthestPosition: 0,
  playing: true,
  visible: true,
  lessonDurationSeconds: 600,
  creditedForLesson: 0,
  creditedToday: 0,
  snapshotId: 'snap-1',
};
const run = (change: Partial<AccrualInput>) => accrue({ ...base, ...change }, DEFAULT_STUDY_RULES);

describe('accrue', () => {
  it('credits the time since the last heartbeat while playing and visible', () => {
    expect(run({})).toEqual({ credited: 30, invalid: [], furthestPosition: 30, positionRefused: false });
  });

  it('caps one heartbeat at 35 s and records the rest of a gap as invalid', () => {
    expect(run({ now: at(300), reportedPosition: 35 })).toMatchObject({
      credited: 35,
      invalid: [{ seconds: 265, reason: 'gap' }],
    });
  });

  it('credits nothing for a hidden tab or a paused player', () => {
    expect(run({ visible: false })).toMatchObject({ credited: 0, invalid: [{ seconds: 30, reason: 'hidden' }] });
    expect(run({ playing: false, reportedPosition: 0 })).toMatchObject({
      credited: 0,
      invalid: [{ seconds: 30, reason: 'paused' }],
    });
  });

  it('refuses a position that jumps ahead of real time, keeping the furthest point', () => {
    const r = run({ reportedPosition: 200 });
    expect(r).toMatchObject({
      credited: 0,
      positionRefused: true,
      furthestPosition: 0,
      invalid: [{ seconds: 30, reason: 'position_jump' }],
    });
    expect(run({ reportedPosition: 35 }).positionRefused).toBe(false); // within the 5 s tolerance
  });

  it('credits nothing without a valid snapshot', () => {
    expect(run({ snapshotId: null })).toMatchObject({ credited: 0, invalid: [{ seconds: 30, reason: 'capture_missing' }] });
  });

  it('stops at the daily cap of 8 学时', () => {
    expect(run({ creditedToday: 8 * 2700 - 10 })).toMatchObject({
      credited: 10,
      invalid: [{ seconds: 20, reason: 'daily_cap' }],
    });
    expect(run({ creditedToday: 8 * 2700 })).toMatchObject({ credited: 0, invalid: [{ seconds: 30, reason: 'daily_cap' }] });
  });

  it('never credits a lesson beyond its duration', () => {
    expect(run({ creditedForLesson: 590, furthestPosition: 590, reportedPosition: 600 })).toMatchObject({
      credited: 10,
      invalid: [{ seconds: 20, reason: 'lesson_complete' }],
    });
  });

  it('credits nothing for a heartbeat in the same second', () => {
    expect(run({ now: t0, reportedPosition: 0 })).toEqual({
      credited: 0,
      invalid: [],
      furthestPosition: 0,
      positionRefused: false,
    });
  });
});
