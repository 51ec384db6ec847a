import { and, desc, eq, sql } from 'drizzle-orm';
import { categoryLabel } from '../../../shared/domain/categories.js';
import type { Deps } from '../../deps.js';
import { accounts, certificates, enterprises, personnelChanges } from '../../db/schema/index.js';
import { requireActor, type Actor, type RequestContext } from '../../http/actor.js';
import { AppError, notFound } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { notifyAccounts, notifyEnterprise } from '../notifications/notify.js';

/**
 * The holder's side of a transfer (调入): a confirmed account sees the pending
 * requests for its own certificates and agrees or declines. Nobody else can
 * answer for the holder, so no enterprise moves a person by asking alone.
 */
export async function listMyTransferRequests(deps: Deps, actor: Actor) {
  if (!actor.personId || !actor.identityVerified) return [];
  const rows = await deps.db
    .select({
      p: personnelChanges,
      number: certificates.number,
      category: certificates.category,
      other: certificates.otherWorkTypeName,
      to: enterprises.name,
    })
    .from(personnelChanges)
    .innerJoin(certificates, eq(certificates.id, personnelChanges.certificateId))
    .innerJoin(enterprises, eq(enterprises.id, personnelChanges.enterpriseId))
    .where(
      and(
        eq(certificates.personId, actor.personId),
        eq(personnelChanges.kind, 'transfer'),
        eq(personnelChanges.status, 'pending'),
      ),
    )
    .orderBy(desc(personnelChanges.createdAt));
  return rows.map(({ p, number, category, other, to }) => ({
    id: p.id,
    certificateId: p.certificateId,
    number,
    categoryLabel: categoryLabel(category, other),
    toEnterpriseName: to,
    reason: p.reason,
    createdAt: p.createdAt.toISOString(),
    confirmed: p.holderConfirmedAt !== null,
  }));
}

export async function answerTransfer(deps: Deps, ctx: RequestContext, id: string, agree: boolean) {
  const actor = requireActor(ctx);
  if (!actor.personId || !actor.identityVerified) throw notFound('调入申请');
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ p: personnelChanges, number: certificates.number })
      .from(personnelChanges)
      .innerJoin(certificates, eq(certificates.id, personnelChanges.certificateId))
      .where(and(eq(personnelChanges.id, id), eq(personnelChanges.kind, 'transfer'), eq(certificates.personId, actor.personId!)))
      .for('update', { of: personnelChanges });
    if (!row) throw notFound('调入申请');
    const { p, number } = row;
    if (p.status !== 'pending') throw new AppError('INVALID_STATE', '该调入申请已处理完毕');
    if (agree && p.holderConfirmedAt) throw new AppError('INVALID_STATE', '您已同意该调入申请，等待主管部门审核');
    if (agree) {
      await tx
        .update(personnelChanges)
        .set({ holderConfirmedAt: sql`now()` })
        .where(eq(personnelChanges.id, id));
      const city = await tx
        .select({ id: accounts.id })
        .from(accounts)
        .where(and(eq(accounts.role, 'city'), eq(accounts.jurisdictionCode, p.jurisdictionCode)));
      await notifyAccounts(
        tx,
        city.map((a) => a.id),
        { title: '持证人已同意调入', body: `证书 ${number} 的持证人已确认同意调入，请审核。`, link: '/personnel-changes' },
      );
    } else {
      await tx
        .update(personnelChanges)
        .set({ status: 'returned', decidedBy: actor.accountId, decidedAt: sql`now()`, decisionReason: '持证人不同意调入' })
        .where(eq(personnelChanges.id, id));
    }
    await recordAudit(tx, ctx, {
      action: agree ? 'personnel_change.holder_confirmed' : 'personnel_change.holder_declined',
      outcome: 'success',
      targetType: 'personnel_change',
      targetId: id,
      jurisdictionCode: p.jurisdictionCode,
      detail: { certificate: number },
    });
    await notifyEnterprise(tx, p.enterpriseId, {
      title: agree ? '持证人已同意调入' : '持证人不同意调入',
      body: `证书 ${number} 的持证人${agree ? '已同意调入，等待主管部门审核' : '不同意调入，申请已退回'}。`,
      link: '/personnel-changes',
    });
    return { status: agree ? ('pending' as const) : ('returned' as const), confirmed: agree };
  });
}
