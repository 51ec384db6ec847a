/**
 * Online learning rules (SPEC §4). 1 学时 = 45 minutes. The required hours per
 * category are defaults the province may change in its settings.
 */
export const SECONDS_PER_STUDY_HOUR = 45 * 60;

export type StudyRules = {
  /** Required 学时 per category or work type code. */
  requiredHours: Record<string, number>;
  defaultRequiredHours: number;
  /** At most this many 学时 credited per Beijing calendar day. */
  dailyCapHours: number;
  /** One heartbeat credits at most this many seconds. */
  heartbeatCapSeconds: number;
  /** A reported position may run ahead of real time by at most this much. */
  positionToleranceSeconds: number;
  /** Snapshots: the next one is due between these many seconds after the last. */
  captureMinIntervalSeconds: number;
  captureMaxIntervalSeconds: number;
  /** Seconds the browser has to deliver a snapshot once it is due. */
  captureWindowSeconds: number;
  /** 继续教育: 学时 of continuing education a certificate needs within its validity period to be extended. */
  continuingHours: number;
};

export const DEFAULT_STUDY_RULES: StudyRules = {
  requiredHours: { A: 24, B: 24, C1: 24, C2: 24, C3: 24 },
  defaultRequiredHours: 16,
  dailyCapHours: 8,
  heartbeatCapSeconds: 35,
  positionToleranceSeconds: 5,
  captureMinIntervalSeconds: 5 * 60,
  captureMaxIntervalSeconds: 15 * 60,
  captureWindowSeconds: 60,
  continuingHours: 24,
};

export function requiredHoursFor(rules: StudyRules, category: string): number {
  return rules.requiredHours[category] ?? rules.defaultRequiredHours;
}

export const INVALID_REASON_LABELS = {
  gap: '两次心跳间隔过长',
  hidden: '页面不可见',
  paused: '播放暂停',
  position_jump: '播放进度异常跳跃',
  capture_missing: '未按时完成抓拍',
  lesson_complete: '本课学时已满',
  daily_cap: '超过每日学时上限',
  snapshot_rejected: '抓拍照片非本人',
} as const;
export type InvalidReason = keyof typeof INVALID_REASON_LABELS;

/** Why a candidate may not apply for a seat yet, in the words of every screen and refusal. */
export function hoursShortfall(doneSeconds: number, requiredHours: number): string {
  return `学时未达到要求：已完成 ${Math.floor((doneSeconds / SECONDS_PER_STUDY_HOUR) * 10) / 10} 学时，需 ${requiredHours} 学时`;
}
