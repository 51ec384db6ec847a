import { EXAM_SESSION_TRANSITIONS, type ExamSessionAction, type ExamSessionStatus } from '../../../shared/domain/exam-session.js';
import { AppError } from '../../http/errors.js';

export function assertSessionTransition(status: ExamSessionStatus, action: ExamSessionAction): void {
  if (!(EXAM_SESSION_TRANSITIONS[action].from as readonly ExamSessionStatus[]).includes(status)) {
    throw new AppError('INVALID_STATE', EXAM_SESSION_TRANSITIONS[action].refusal);
  }
}
