import { eq, sql } from 'drizzle-orm';
import { categoryLabel } from '../../../shared/domain/categories.js';
import type { Deps } from '../../deps.js';
import { registrations } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { notifyPerson } from '../notifications/notify.js';
import { loadRegistrationForUpdate, touch } from './load-registration.js';
import { assertTransition } from './registration-state.js';

/** 审核通过: from now on nothing in the registration may be edited. */
export async function approveRegistration(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  const actor = requireActor(ctx);
  await deps.db.transaction(async (tx) => {
    const r = await loadRegistrationForUpdate(tx, actor, id);
    assertTransition(r.status, 'approve');
    await tx
      .update(registrations)
      .set({ status: 'approved', approvedAt: sql`now()`, approvedBy: actor.accountId, ...touch })
      .where(eq(registrations.id, id));
    await recordAudit(tx, ctx, {
      action: 'registration.approved',
      outcome: 'success',
      targetType: 'registration',
      targetId: id,
      jurisdictionCode: r.jurisdictionCode,
    });
    await notifyPerson(tx, r.personId, {
      title: '报名审核通过',
      body: `您报考的「${categoryLabel(r.category, r.otherWorkTypeName)}」已通过主管部门审核，请按要求参加学习。`,
      link: '/registrations',
    });
  });
}

export type BatchResult = { id: string; ok: boolean; message: string };

/** Batch approval: each row in its own transaction, each with its own answer. */
export async function approveRegistrations(deps: Deps, ctx: RequestContext, ids: string[]): Promise<BatchResult[]> {
  const results: BatchResult[] = [];
  for (const id of [...new Set(ids)]) {
    try {
      await approveRegistration(deps, ctx, id);
      results.push({ id, ok: true, message: '审核通过' });
    } catch (err) {
      results.push({ id, ok: false, message: err instanceof AppError ? err.message : '处理失败，请稍后重试' });
    }
  }
  return results;
}
