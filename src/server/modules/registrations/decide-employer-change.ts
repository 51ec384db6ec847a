import { and, desc, eq, sql } from 'drizzle-orm';
import { EMPLOYER_CHANGE_MACHINE } from '../../../shared/domain/machine.js';
import { decisionPolicies } from '../../../shared/policies.js';
import { alias } from 'drizzle-orm/pg-core';
import type { Deps } from '../../deps.js';
import { employerChangeRequests, enterprises, persons, registrations } from '../../db/schema/index.js';
import { requireActor, type Actor, type RequestContext } from '../../http/actor.js';
import { notFound, requireReason } from '../../http/errors.js';
import { inScope, type ScopeColumns } from '../../http/scope.js';
import { recordAudit } from '../audit/record-audit.js';
import { notifyEnterprise, notifyPerson } from '../notifications/notify.js';

export const employerChangeScope: ScopeColumns = { jurisdiction: employerChangeRequests.jurisdictionCode };

/** 单位变更审核: approval moves the registration to the new employer; both employers are told. */
export async function decideEmployerChange(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  decision: { approve: boolean; reason?: string },
): Promise<void> {
  const actor = requireActor(ctx);
  const why = decision.approve ? (decision.reason?.trim() ?? '') : requireReason(decision.reason, '请填写退回原因');
  await deps.db.transaction(async (tx) => {
    const [req] = await tx
      .select()
      .from(employerChangeRequests)
      .where(inScope(actor, employerChangeScope, eq(employerChangeRequests.id, id)))
      .for('update');
    if (!req) throw notFound('单位变更申请');
    EMPLOYER_CHANGE_MACHINE.assert(req.status, decision.approve ? 'approve' : 'return');
    await tx
      .update(employerChangeRequests)
      .set({
        status: decision.approve ? 'approved' : 'rejected',
        decidedBy: actor.accountId,
        decidedAt: sql`now()`,
        decisionReason: why || null,
      })
      .where(eq(employerChangeRequests.id, id));
    const [reg] = await tx.select().from(registrations).where(eq(registrations.id, req.registrationId));
    if (decision.approve) {
      await tx
        .update(registrations)
        .set({ enterpriseId: req.toEnterpriseId, updatedAt: sql`now()` })
        .where(eq(registrations.id, req.registrationId));
      const notice = { title: '人员单位变更', body: '主管部门已批准一名人员的单位变更。', link: '/employer/registrations' };
      await notifyEnterprise(tx, req.toEnterpriseId, notice);
      if (req.fromEnterpriseId) await notifyEnterprise(tx, req.fromEnterpriseId, notice);
    }
    await recordAudit(tx, ctx, {
      action: decision.approve ? 'employer_change.approved' : 'employer_change.rejected',
      outcome: 'success',
      targetType: 'employer_change',
      targetId: id,
      jurisdictionCode: req.jurisdictionCode,
      detail: { registrationId: req.registrationId, reason: why || undefined },
    });
    await notifyPerson(
      tx,
      reg.personId,
      decision.approve
        ? { title: '单位变更申请已通过', body: '您的工作单位已变更。', link: '/registrations' }
        : { title: '单位变更申请被退回', body: `退回原因：${why}`, link: '/registrations' },
    );
  });
}

const fromEnterprise = alias(enterprises, 'from_enterprise');
const toEnterprise = alias(enterprises, 'to_enterprise');

export async function listEmployerChanges(deps: Deps, actor: Actor, status: 'pending' | 'approved' | 'rejected' | undefined) {
  const rows = await deps.db
    .select({
      id: employerChangeRequests.id,
      registrationId: employerChangeRequests.registrationId,
      status: employerChangeRequests.status,
      reason: employerChangeRequests.reason,
      decisionReason: employerChangeRequests.decisionReason,
      createdAt: employerChangeRequests.createdAt,
      decidedAt: employerChangeRequests.decidedAt,
      personName: persons.name,
      category: registrations.category,
      fromEnterpriseName: fromEnterprise.name,
      toEnterpriseName: toEnterprise.name,
      toCreditCode: toEnterprise.creditCode,
    })
    .from(employerChangeRequests)
    .innerJoin(registrations, eq(registrations.id, employerChangeRequests.registrationId))
    .innerJoin(persons, eq(persons.id, registrations.personId))
    .leftJoin(fromEnterprise, eq(fromEnterprise.id, employerChangeRequests.fromEnterpriseId))
    .innerJoin(toEnterprise, eq(toEnterprise.id, employerChangeRequests.toEnterpriseId))
    .where(inScope(actor, employerChangeScope, status ? and(eq(employerChangeRequests.status, status)) : undefined))
    .orderBy(desc(employerChangeRequests.createdAt))
    .limit(200);
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    policies: decisionPolicies(EMPLOYER_CHANGE_MACHINE, r.status, actor.role === 'city'),
  }));
}
