import { defineMachine, type Transition } from './machine.js';

export const REGISTRATION_STATUS_LABELS = {
  draft: '草稿',
  awaiting_employer: '待企业确认',
  awaiting_authority: '待主管部门审核',
  approved: '审核通过',
  returned: '已退回',
} as const;
export type RegistrationStatus = keyof typeof REGISTRATION_STATUS_LABELS;
export const REGISTRATION_STATUS_VALUES = Object.keys(REGISTRATION_STATUS_LABELS) as [
  RegistrationStatus,
  ...RegistrationStatus[],
];

/**
 * The registration state machine (SPEC §3.1 steps 1–3). Each action names the
 * states it may start from; anything else is refused with the message given.
 */
export const REGISTRATION_MACHINE = defineMachine<
  RegistrationStatus,
  Record<
    'edit' | 'submit' | 'withdraw' | 'employerConfirm' | 'employerReject' | 'approve' | 'return' | 'requestEmployerChange',
    Transition<RegistrationStatus>
  >
>({
  edit: { from: ['draft', 'returned'], refusal: '报名已提交，如需修改请先撤回；审核通过后不能修改' },
  submit: { from: ['draft', 'returned'], refusal: '只有草稿或已退回的报名可以提交' },
  withdraw: { from: ['awaiting_employer', 'awaiting_authority'], refusal: '只有待确认或待审核的报名可以撤回修改' },
  employerConfirm: { from: ['awaiting_employer'], refusal: '该报名不在待企业确认状态' },
  employerReject: { from: ['awaiting_employer'], refusal: '该报名不在待企业确认状态' },
  approve: { from: ['awaiting_authority'], refusal: '只有待主管部门审核的报名可以审核通过' },
  return: { from: ['awaiting_authority'], refusal: '只有待主管部门审核的报名可以退回' },
  requestEmployerChange: { from: ['approved'], refusal: '审核通过后才需要单位变更申请；审核前可直接修改工作单位' },
});
export type RegistrationAction = (typeof REGISTRATION_MACHINE.actions)[number];
