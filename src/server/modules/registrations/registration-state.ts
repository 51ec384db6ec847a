import { canTransition, REGISTRATION_TRANSITIONS, type RegistrationAction, type RegistrationStatus } from '../../../shared/domain/registration-status.js';
import { AppError } from '../../http/errors.js';

/** Refuses an action from the wrong state with the Chinese reason the screens show. */
export function assertTransition(status: RegistrationStatus, action: RegistrationAction): void {
  if (!canTransition(status, action)) throw new AppError('INVALID_STATE', REGISTRATION_TRANSITIONS[action].refusal);
}
