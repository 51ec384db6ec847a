import { eq } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { registrations } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { loadRegistrationForUpdate, touch } from './load-registration.js';
import { assertTransition } from './registration-state.js';

/** 撤回修改: before approval the candidate takes a submitted registration back to draft to change it. */
export async function withdrawRegistration(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  const actor = requireActor(ctx);
  await deps.db.transaction(async (tx) => {
    const r = await loadRegistrationForUpdate(tx, actor, id);
    assertTransition(r.status, 'withdraw');
    await tx
      .update(registrations)
      .set({
        status: 'draft',
        labourRelationConfirmed: false,
        annualTrainingConfirmed: false,
        employerConfirmedAt: null,
        employerConfirmedBy: null,
        ...touch,
      })
      .where(eq(registrations.id, id));
    await recordAudit(tx, ctx, {
      action: 'registration.withdrawn',
      outcome: 'success',
      targetType: 'registration',
      targetId: id,
      jurisdictionCode: r.jurisdictionCode,
    });
  });
}
