import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { registrations } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { requireReason } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { notifyPerson } from '../notifications/notify.js';
import { loadRegistrationForUpdate, touch } from './load-registration.js';
import { assertTransition } from './registration-state.js';

/** The employer does not confirm: the registration goes back to the candidate with the reason. */
export async function rejectEmployment(deps: Deps, ctx: RequestContext, id: string, reason: string): Promise<void> {
  const actor = requireActor(ctx);
  const why = requireReason(reason, '请填写不予确认的原因');
  await deps.db.transaction(async (tx) => {
    const r = await loadRegistrationForUpdate(tx, actor, id);
    assertTransition(r.status, 'employerReject');
    await tx
      .update(registrations)
      .set({ status: 'returned', returnReason: why, returnedByRole: 'enterprise', returnedAt: sql`now()`, ...touch })
      .where(eq(registrations.id, id));
    await recordAudit(tx, ctx, {
      action: 'registration.employer_rejected',
      outcome: 'success',
      targetType: 'registration',
      targetId: id,
      jurisdictionCode: r.jurisdictionCode,
      detail: { reason: why },
    });
    await notifyPerson(tx, r.personId, {
      title: '工作单位未确认您的报名',
      body: `退回原因：${why}。请修改后重新提交。`,
      link: '/registrations',
    });
  });
}
