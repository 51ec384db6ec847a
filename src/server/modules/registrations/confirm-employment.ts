import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { registrations } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { invalid } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { notifyPerson } from '../notifications/notify.js';
import { loadRegistrationForUpdate, touch } from './load-registration.js';
import { assertTransition } from './registration-state.js';

/** 企业确认: only the named employer attests the labour relation and the annual safety training. */
export async function confirmEmployment(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: { labourRelation: boolean; annualTraining: boolean },
): Promise<void> {
  const actor = requireActor(ctx);
  if (!input.labourRelation) throw invalid('labourRelation', '请确认该人员与本企业已确立劳动关系');
  if (!input.annualTraining) throw invalid('annualTraining', '请确认该人员已经本企业年度安全生产教育培训合格');
  await deps.db.transaction(async (tx) => {
    const r = await loadRegistrationForUpdate(tx, actor, id);
    assertTransition(r.status, 'employerConfirm');
    await tx
      .update(registrations)
      .set({
        status: 'awaiting_authority',
        labourRelationConfirmed: true,
        annualTrainingConfirmed: true,
        employerConfirmedAt: sql`now()`,
        employerConfirmedBy: actor.accountId,
        ...touch,
      })
      .where(eq(registrations.id, id));
    await recordAudit(tx, ctx, {
      action: 'registration.employer_confirmed',
      outcome: 'success',
      targetType: 'registration',
      targetId: id,
      jurisdictionCode: r.jurisdictionCode,
    });
    await notifyPerson(tx, r.personId, {
      title: '工作单位已确认您的报名',
      body: '您的报名已由工作单位确认，等待主管部门审核。',
      link: '/registrations',
    });
  });
}
