import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { registrations } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { requireReason } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { notifyPerson } from '../notifications/notify.js';
import { loadRegistrationForUpdate } from './load-registration.js';

/**
 * Authorities may not casually delete candidates (操作说明): deletion needs a
 * reason, only hides the row (soft), and is audited. The candidate may then register again.
 */
export async function deleteRegistration(deps: Deps, ctx: RequestContext, id: string, reason: string): Promise<void> {
  const actor = requireActor(ctx);
  const why = requireReason(reason, '删除学员报名须填写具体原因（至少4个字）', 4);
  await deps.db.transaction(async (tx) => {
    const r = await loadRegistrationForUpdate(tx, actor, id);
    await tx
      .update(registrations)
      .set({ deletedAt: sql`now()`, deletedBy: actor.accountId, deleteReason: why })
      .where(eq(registrations.id, id));
    await recordAudit(tx, ctx, {
      action: 'registration.deleted',
      outcome: 'success',
      targetType: 'registration',
      targetId: id,
      jurisdictionCode: r.jurisdictionCode,
      detail: { reason: why, statusBefore: r.status },
    });
    await notifyPerson(tx, r.personId, {
      title: '报名已被主管部门删除',
      body: `删除原因：${why}。如有疑问请联系主管部门。`,
      link: '/registrations',
    });
  });
}
