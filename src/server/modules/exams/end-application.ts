import { eq, sql } from 'drizzle-orm';
import { TICKET_PRINTED_REFUSAL } from '../../../shared/domain/exam-session.js';
import type { Deps } from '../../deps.js';
import { examApplications, examSeats } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { AppError, requireReason } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { notifyPerson } from '../notifications/notify.js';
import { loadApplicationForUpdate } from './exam-scope.js';

/** 申请退考: the candidate asks; only while the admission ticket has not been printed. */
export async function requestWithdrawal(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  const actor = requireActor(ctx);
  await deps.db.transaction(async (tx) => {
    const a = await loadApplicationForUpdate(tx, actor, id);
    if (a.ticketPrintedAt) throw new AppError('INVALID_STATE', TICKET_PRINTED_REFUSAL);
    if (a.status !== 'active') throw new AppError('INVALID_STATE', '该申请不能再申请退考');
    await tx.update(examApplications).set({ status: 'withdrawal_requested' }).where(eq(examApplications.id, id));
    await recordAudit(tx, ctx, {
      action: 'exam_application.withdrawal_requested',
      outcome: 'success',
      targetType: 'exam_application',
      targetId: id,
      jurisdictionCode: a.jurisdictionCode,
    });
  });
}

/**
 * The authority deletes an application (after a withdrawal request) or cancels a
 * candidate's exam; the seat is freed. Once the ticket is printed neither is possible.
 */
export async function endApplication(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  kind: 'withdrawn' | 'cancelled',
  reason: string,
): Promise<void> {
  const actor = requireActor(ctx);
  const why = requireReason(reason, kind === 'withdrawn' ? '请填写删除原因' : '请填写取消原因');
  await deps.db.transaction(async (tx) => {
    const a = await loadApplicationForUpdate(tx, actor, id);
    if (a.ticketPrintedAt) throw new AppError('INVALID_STATE', TICKET_PRINTED_REFUSAL);
    if (a.status !== 'active' && a.status !== 'withdrawal_requested') throw new AppError('INVALID_STATE', '该申请已结束');
    // The ticket was never printed: its number goes back with the seat, for whoever takes the seat next.
    await tx
      .update(examApplications)
      .set({ status: kind, endedReason: why, endedBy: actor.accountId, endedAt: sql`now()`, ticketNumber: null })
      .where(eq(examApplications.id, id));
    await tx.update(examSeats).set({ applicationId: null }).where(eq(examSeats.applicationId, id));
    await recordAudit(tx, ctx, {
      action: kind === 'withdrawn' ? 'exam_application.withdrawn' : 'exam_application.cancelled',
      outcome: 'success',
      targetType: 'exam_application',
      targetId: id,
      jurisdictionCode: a.jurisdictionCode,
      detail: { reason: why },
    });
    await notifyPerson(
      tx,
      a.personId,
      kind === 'withdrawn'
        ? { title: '退考已办理', body: `主管部门已删除您的考场申请，座位已释放。${why}`, link: '/exams' }
        : { title: '考试资格已被取消', body: `主管部门取消了您的本次考试。原因：${why}`, link: '/exams' },
    );
  });
}
