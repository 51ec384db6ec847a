import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { employerChangeRequests, enterprises } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { AppError, invalid, requireReason } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { loadRegistrationForUpdate } from './load-registration.js';
import { assertTransition } from './registration-state.js';

/** 单位变更申请: after approval the employer is corrected only through the authority's review. */
export async function requestEmployerChange(
  deps: Deps,
  ctx: RequestContext,
  registrationId: string,
  input: { toEnterpriseId: string; reason: string },
): Promise<{ id: string }> {
  const actor = requireActor(ctx);
  const why = requireReason(input.reason, '请填写变更原因');
  return deps.db.transaction(async (tx) => {
    const r = await loadRegistrationForUpdate(tx, actor, registrationId);
    assertTransition(r.status, 'requestEmployerChange');
    const [to] = await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.id, input.toEnterpriseId));
    if (!to) throw invalid('toEnterpriseId', '所选工作单位未在本系统注册');
    if (to.id === r.enterpriseId) throw invalid('toEnterpriseId', '新单位与现单位相同');
    const [pending] = await tx
      .select({ id: employerChangeRequests.id })
      .from(employerChangeRequests)
      .where(and(eq(employerChangeRequests.registrationId, registrationId), eq(employerChangeRequests.status, 'pending')));
    if (pending) throw new AppError('CONFLICT', '已有待审核的单位变更申请，请等待主管部门处理');
    const [row] = await tx
      .insert(employerChangeRequests)
      .values({
        registrationId,
        jurisdictionCode: r.jurisdictionCode,
        fromEnterpriseId: r.enterpriseId,
        toEnterpriseId: to.id,
        reason: why,
      })
      .returning({ id: employerChangeRequests.id });
    await recordAudit(tx, ctx, {
      action: 'employer_change.requested',
      outcome: 'success',
      targetType: 'employer_change',
      targetId: row.id,
      jurisdictionCode: r.jurisdictionCode,
      detail: { registrationId },
    });
    return { id: row.id };
  });
}
