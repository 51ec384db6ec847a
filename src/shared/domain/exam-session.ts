import { defineMachine, type Transition } from './machine.js';

export const EXAM_SESSION_STATUS_LABELS = {
  draft: '草稿',
  published: '已发布（接受申请）',
  closed: '已截止申请',
  held: '考试已结束',
  scores_complete: '成绩已录入',
} as const;
export type ExamSessionStatus = keyof typeof EXAM_SESSION_STATUS_LABELS;

/** SPEC §3.1 step 6: once the admission ticket is printed, nobody may withdraw or cancel the exam. */
export const TICKET_PRINTED_REFUSAL = '准考证已打印，按规定不能再取消考试资格';

export const EXAM_KIND_LABELS = { theory: '理论考试', practical: '实操考试' } as const;

/** 考场 state machine: each action names the states it may start from. */
export const EXAM_SESSION_MACHINE = defineMachine<
  ExamSessionStatus,
  Record<'edit' | 'publish' | 'close' | 'hold', Transition<ExamSessionStatus>>
>({
  edit: { from: ['draft'], refusal: '只有草稿状态的考场可以修改；已发布的考场请先联系已申请的学员' },
  publish: { from: ['draft'], refusal: '只有草稿状态的考场可以发布' },
  close: { from: ['published'], refusal: '只有已发布的考场可以截止申请' },
  hold: { from: ['closed'], refusal: '请先截止申请，考试结束后再标记为已考试' },
});
export type ExamSessionAction = (typeof EXAM_SESSION_MACHINE.actions)[number];

export const EXAM_APPLICATION_STATUS_LABELS = {
  active: '已申请',
  withdrawal_requested: '申请退考中',
  withdrawn: '已退考',
  cancelled: '已取消',
  completed: '已考试',
} as const;

/** 准考证号: year + jurisdiction code + session sequence (3) + seat (3), e.g. 2026220100001012. */
export function ticketNumber(year: number, jurisdictionCode: string, sequence: number, seat: number): string {
  return `${year}${jurisdictionCode}${String(sequence).padStart(3, '0')}${String(seat).padStart(3, '0')}`;
}
