import { EXAM_SESSION_MACHINE, type ExamSessionAction, type ExamSessionStatus } from '../../../shared/domain/exam-session.js';

export function assertSessionTransition(status: ExamSessionStatus, action: ExamSessionAction): void {
  EXAM_SESSION_MACHINE.assert(status, action);
}
