import {
  REGISTRATION_MACHINE,
  type RegistrationAction,
  type RegistrationStatus,
} from '../../../shared/domain/registration-status.js';
import { ALLOWED, machinePolicies, notYet, type Policies } from '../../../shared/policies.js';
import type { Actor } from '../../http/actor.js';

export type RegistrationPolicyAction = RegistrationAction | 'delete';

/** Which registration actions each role takes (the routes declare the same roles). */
const ACTIONS_OF: Partial<Record<Actor['role'], readonly RegistrationAction[]>> = {
  candidate: ['edit', 'submit', 'withdraw', 'requestEmployerChange'],
  enterprise: ['employerConfirm', 'employerReject'],
  city: ['approve', 'return'],
};

/**
 * What the caller may do with a registration now, from the registration
 * machine — the same table the use-cases assert. A 单位变更申请 already waiting
 * is said as the reason a second one cannot be made; the authority may delete
 * (soft, with a reason) in any state.
 */
export function registrationPolicies(
  actor: Actor,
  status: RegistrationStatus,
  pendingEmployerChange: boolean,
): Policies<RegistrationPolicyAction> {
  const policies: Policies<RegistrationPolicyAction> = machinePolicies(
    REGISTRATION_MACHINE,
    status,
    ACTIONS_OF[actor.role] ?? [],
  );
  if (policies.requestEmployerChange && pendingEmployerChange) policies.requestEmployerChange = notYet('单位变更申请正在审核中');
  if (actor.role === 'city') policies.delete = ALLOWED;
  return policies;
}
