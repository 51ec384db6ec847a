import { describe, expect, it } from 'vitest';
import { ALLOWED, decisionPolicies, machinePolicies, notYet } from '../policies.js';
import { CERTIFICATE_MACHINE } from './certificate.js';
import { EXAM_SESSION_MACHINE } from './exam-session.js';
import {
  defineMachine,
  EMPLOYER_CHANGE_MACHINE,
  PERSONNEL_CHANGE_MACHINE,
  QUALIFIED_LIST_MACHINE,
  TransitionRefused,
} from './machine.js';
import { REGISTRATION_MACHINE } from './registration-status.js';

describe('defineMachine', () => {
  const door = defineMachine<
    'open' | 'shut' | 'locked',
    { close: { from: ['open']; refusal: string }; lock: { from: ['shut']; refusal: (s: 'open' | 'shut' | 'locked') => string } }
  >({
    close: { from: ['open'], refusal: '门已关' },
    lock: { from: ['shut'], refusal: (s) => `门现在是 ${s}` },
  });

  it('answers can, allowed and refusal from the one table', () => {
    expect(door.can('open', 'close')).toBe(true);
    expect(door.can('open', 'lock')).toBe(false);
    expect(door.allowed('shut')).toEqual(['lock']);
    expect(door.allowed('locked')).toEqual([]);
    expect(door.refusal('open', 'close')).toBeNull();
    expect(door.refusal('shut', 'close')).toBe('门已关');
    expect(door.refusal('locked', 'lock')).toBe('门现在是 locked');
  });

  it('assert throws TransitionRefused with the sentence for the state', () => {
    expect(() => door.assert('open', 'close')).not.toThrow();
    expect(() => door.assert('open', 'lock')).toThrow(TransitionRefused);
    expect(() => door.assert('open', 'lock')).toThrow('门现在是 open');
  });
});

describe('the product machines', () => {
  it('registrations: a candidate edits only a draft or a returned one; only the employer confirms', () => {
    expect(REGISTRATION_MACHINE.allowed('draft')).toEqual(['edit', 'submit']);
    expect(REGISTRATION_MACHINE.allowed('approved')).toEqual(['requestEmployerChange']);
    expect(REGISTRATION_MACHINE.allowed('awaiting_employer')).toEqual(['withdraw', 'employerConfirm', 'employerReject']);
    expect(REGISTRATION_MACHINE.refusal('awaiting_authority', 'employerConfirm')).toBe('该报名不在待企业确认状态');
  });

  it('exam sessions: draft → published → closed → held', () => {
    expect(EXAM_SESSION_MACHINE.allowed('draft')).toEqual(['edit', 'publish']);
    expect(EXAM_SESSION_MACHINE.allowed('published')).toEqual(['close']);
    expect(EXAM_SESSION_MACHINE.allowed('closed')).toEqual(['hold']);
    expect(EXAM_SESSION_MACHINE.allowed('held')).toEqual([]);
  });

  it('certificates keep their targets', () => {
    expect(CERTIFICATE_MACHINE.allowed('valid')).toEqual(['suspend', 'revoke', 'revoke_license', 'cancel', 'transfer_out']);
    expect(CERTIFICATE_MACHINE.allowed('expired')).toEqual(['cancel']);
    expect(CERTIFICATE_MACHINE.transitions.suspend.to).toBe('suspended');
  });

  it('decision requests are decided once, and say why per closed state', () => {
    expect(PERSONNEL_CHANGE_MACHINE.allowed('pending')).toEqual(['approve', 'return']);
    expect(PERSONNEL_CHANGE_MACHINE.refusal('cancelled', 'approve')).toBe('该申请已取消');
    expect(EMPLOYER_CHANGE_MACHINE.transitions.return.to).toBe('rejected');
    expect(QUALIFIED_LIST_MACHINE.can('submitted', 'approve')).toBe(true);
    expect(QUALIFIED_LIST_MACHINE.refusal('confirmed', 'return')).toBe('该名单已确认，证书已核发');
  });
});

describe('policies', () => {
  it('machinePolicies lists only the allowed actions the caller may take', () => {
    expect(machinePolicies(CERTIFICATE_MACHINE, 'suspended', ['suspend', 'restore'])).toEqual({ restore: ALLOWED });
    expect(machinePolicies(CERTIFICATE_MACHINE, 'revoked', CERTIFICATE_MACHINE.actions)).toEqual({});
  });

  it('decisionPolicies: nothing for a role that does not decide; a held-back approval keeps its reason', () => {
    expect(decisionPolicies(PERSONNEL_CHANGE_MACHINE, 'pending', false)).toEqual({});
    expect(decisionPolicies(PERSONNEL_CHANGE_MACHINE, 'pending', true, '持证人尚未确认')).toEqual({
      approve: notYet('持证人尚未确认'),
      return: ALLOWED,
    });
    expect(decisionPolicies(PERSONNEL_CHANGE_MACHINE, 'approved', true)).toEqual({});
  });
});
