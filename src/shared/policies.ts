import type { Machine } from './domain/machine.js';

/**
 * What the caller may do with an object now, sent beside the object (Outline's
 * `policies`). An action that is listed and allowed is a button; listed but not
 * allowed is a disabled button whose tooltip is `reason` ("2029-08-30 起可申请延期");
 * not listed is no button at all (not this caller's to take, or impossible from
 * the object's state). The screens never decide this themselves.
 */
export type Policy = { allowed: true } | { allowed: false; reason: string };
export type Policies<A extends string = string> = Partial<Record<A, Policy>>;

export const ALLOWED: Policy = { allowed: true };
export const notYet = (reason: string): Policy => ({ allowed: false, reason });

/** The actions of `mayTake` that the machine allows from `status`, each allowed. */
export function machinePolicies<S extends string, A extends string>(
  machine: Machine<S, A>,
  status: S,
  mayTake: readonly A[],
): Policies<A> {
  const out: Policies<A> = {};
  for (const action of mayTake) if (machine.can(status, action)) out[action] = ALLOWED;
  return out;
}

/**
 * 通过 / 退回 of a pending request, for the one role that decides it; `notYetApproved`
 * holds approval back with its reason (a transfer the holder has not agreed to).
 */
export function decisionPolicies<S extends string>(
  machine: Machine<S, 'approve' | 'return'>,
  status: S,
  decides: boolean,
  notYetApproved?: string | null,
): Policies<'approve' | 'return'> {
  if (!decides) return {};
  const policies = machinePolicies(machine, status, machine.actions);
  if (policies.approve && notYetApproved) policies.approve = notYet(notYetApproved);
  return policies;
}
