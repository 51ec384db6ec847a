import {
  REGISTRATION_MACHINE,
  type RegistrationAction,
  type RegistrationStatus,
} from '../../../shared/domain/registration-status.js';

/** Refuses an action from the wrong state with the Chinese reason the screens show (409). */
export function assertTransition(status: RegistrationStatus, action: RegistrationAction): void {
  REGISTRATION_MACHINE.assert(status, action);
}
