import { eq, sql } from 'drizzle-orm';
import { PERSONNEL_CHANGE_MACHINE } from '../../../shared/domain/machine.js';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { certificates, enterprises, personnelChanges, persons } from '../../db/schema/index.js';
import { requireActor, type Actor, type RequestContext } from '../../http/actor.js';
import { requireNationalClearance } from '../national/national-check.js';
import { AppError, notFound, requireReason } from '../../http/errors.js';
import { inScope } from '../../http/scope.js';
import { recordAudit } from '../audit/record-audit.js';
import { beijingDate } from '../certificates/certificate-scope.js';
import { notifyEnterprise, notifyHolder } from '../notifications/notify.js';
import { recordCertificateEvents } from '../certificates/record-certificate-event.js';

/** A change is reviewed by the authority of the applying enterprise's jurisdiction (the province sees all). */
export const personnelChangeScope = {
  jurisdiction: personnelChanges.jurisdictionCode,
  enterprise: personnelChanges.enterpriseId,
};

/** The 查重 of an approved transfer: the holder under the new employer (operateType 09 变更, with the certificate's number). */
async function transferClearance(deps: Deps, actor: Actor, id: string, overrideReason: string | undefined) {
  const [row] = await deps.db
    .select({
      kind: personnelChanges.kind,
      status: personnelChanges.status,
      holderConfirmedAt: personnelChanges.holderConfirmedAt,
      name: persons.name,
      idNumberEnc: persons.idNumberEnc,
      category: certificates.category,
      otherWorkTypeName: certificates.otherWorkTypeName,
      job: certificates.job,
      number: certificates.number,
      creditCode: enterprises.creditCode,
    })
    .from(personnelChanges)
    .innerJoin(certificates, eq(certificates.id, personnelChanges.certificateId))
    .innerJoin(persons, eq(persons.id, certificates.personId))
    .innerJoin(enterprises, eq(enterprises.id, personnelChanges.enterpriseId))
    .where(inScope(actor, personnelChangeScope, eq(personnelChanges.id, id)));
  // Anything the transaction will refuse anyway (not pending, not yet agreed by the holder) needs no national check.
  if (!row || row.kind !== 'transfer' || row.status !== 'pending' || !row.holderConfirmedAt) return null;
  return requireNationalClearance(
    deps,
    [
      {
        key: id,
        name: row.name,
        idNumber: deps.crypto.decrypt(row.idNumberEnc),
        category: row.category,
        otherWorkTypeName: row.otherWorkTypeName,
        creditCode: row.creditCode,
        job: row.job,
        certNum: row.number,
        operateType: '09',
      },
    ],
    overrideReason,
  );
}

/**
 * 人员变更审核. Approving a transfer gives the certificate its new employer and
 * (the holder must have confirmed it first); approving details changes job or title. The certificate
 * keeps its number; the change is an event of its history. Returning a transfer
 * leaves the certificate as it was: a request never changed it.
 */
export async function decidePersonnelChange(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  approve: boolean,
  reason?: string,
  overrideReason?: string,
) {
  const actor = requireActor(ctx);
  const why = approve ? reason?.trim() || null : requireReason(reason, '请填写退回原因');
  // A transfer (调入) changes the holder's employer on the national record: 全国平台查重 first, outside the transaction.
  const clearance = approve ? await transferClearance(deps, actor, id, overrideReason) : null;
  return deps.db.transaction(async (tx) => {
    const [change] = await tx
      .select()
      .from(personnelChanges)
      .where(inScope(actor, personnelChangeScope, eq(personnelChanges.id, id)))
      .for('update');
    if (!change) throw notFound('人员变更申请');
    PERSONNEL_CHANGE_MACHINE.assert(change.status, approve ? 'approve' : 'return');
    if (approve && change.kind === 'transfer' && !change.holderConfirmedAt)
      throw new AppError('INVALID_STATE', '持证人尚未在系统中确认同意调入，暂不能审核通过');
    // The holder agreed between the national check and this lock: the check was skipped, so ask again.
    if (approve && change.kind === 'transfer' && !clearance)
      throw new AppError('CONFLICT', '持证人刚刚确认了调入，请重新点击“通过”完成全国平台查重');
    if (change.kind === 'rename') return decideRename(deps, tx, ctx, change, approve, why);
    const [c] = await tx.select().from(certificates).where(eq(certificates.id, change.certificateId!)).for('update');
    const [to] = await tx.select({ name: enterprises.name }).from(enterprises).where(eq(enterprises.id, change.enterpriseId));
    if (change.kind === 'transfer') {
      if (approve && (c!.status !== 'valid' || c!.expiresOn < beijingDate(deps.now())))
        throw new AppError('INVALID_STATE', '该证书当前不是有效状态，不能调入');
      if (approve) {
        await tx.update(certificates).set({ enterpriseId: change.enterpriseId }).where(eq(certificates.id, c!.id));
        const [from] = change.fromEnterpriseId
          ? await tx.select({ name: enterprises.name }).from(enterprises).where(eq(enterprises.id, change.fromEnterpriseId))
          : [];
        await recordCertificateEvents(deps, tx, actor, [
          {
            certificateId: c!.id,
            kind: 'transferred',
            reason: change.reason,
            detail: { from: from?.name ?? null, to: to!.name, changeId: change.id },
          },
        ]);
      }
    } else if (approve) {
      await tx
        .update(certificates)
        .set({ job: change.newJob ?? c!.job, title: change.newTitle ?? c!.title })
        .where(eq(certificates.id, c!.id));
      await recordCertificateEvents(deps, tx, actor, [
        {
          certificateId: c!.id,
          kind: 'changed',
          reason: change.reason,
          detail: { job: change.newJob, title: change.newTitle, changeId: change.id },
        },
      ]);
    }
    await tx
      .update(personnelChanges)
      .set({ status: approve ? 'approved' : 'returned', decidedBy: actor.accountId, decidedAt: sql`now()`, decisionReason: why })
      .where(eq(personnelChanges.id, id));
    await recordAudit(tx, ctx, {
      action: approve ? 'personnel_change.approved' : 'personnel_change.returned',
      outcome: 'success',
      targetType: 'personnel_change',
      targetId: id,
      jurisdictionCode: change.jurisdictionCode,
      detail: {
        kind: change.kind,
        certificate: c!.number,
        reason: why,
        ...(clearance ? { nationalCheck: clearance.check, overrideReason: clearance.overrideReason } : {}),
      },
    });
    const verdict = approve ? '已审核通过' : `被退回：${why}`;
    await notifyEnterprise(tx, change.enterpriseId, {
      title: `人员变更申请${approve ? '已通过' : '被退回'}`,
      body: `证书 ${c!.number} 的人员变更申请${verdict}`,
      link: '/personnel-changes',
    });
    if (change.fromEnterpriseId)
      await notifyEnterprise(tx, change.fromEnterpriseId, {
        title: approve ? '本企业人员已转出' : '人员转出未获批准',
        body: `证书 ${c!.number} 的持证人${approve ? `已调入 ${to!.name}` : '仍在本企业'}。`,
        link: '/certificates',
      });
    if (approve)
      await notifyHolder(tx, c!.personId, {
        title: '证书信息已变更',
        body:
          change.kind === 'transfer'
            ? `您的证书 ${c!.number} 已变更至 ${to!.name}。`
            : `您的证书 ${c!.number} 岗位/职称信息已变更。`,
        link: '/my-certificates',
      });
    return { status: approve ? ('approved' as const) : ('returned' as const) };
  });
}

/**
 * 企业更名 approved: the enterprise's name changes, and with it what every one of
 * its certificates shows (printed and public); each certificate records the
 * change in its history.
 */
async function decideRename(
  deps: Deps,
  tx: Tx,
  ctx: RequestContext,
  change: typeof personnelChanges.$inferSelect,
  approve: boolean,
  why: string | null,
) {
  const actor = requireActor(ctx);
  const [before] = await tx.select().from(enterprises).where(eq(enterprises.id, change.enterpriseId)).for('update');
  if (approve) {
    await tx.update(enterprises).set({ name: change.newEnterpriseName! }).where(eq(enterprises.id, change.enterpriseId));
    const held = await tx
      .select({ id: certificates.id })
      .from(certificates)
      .where(eq(certificates.enterpriseId, change.enterpriseId));
    if (held.length) {
      await recordCertificateEvents(
        deps,
        tx,
        actor,
        held.map((c) => ({
          certificateId: c.id,
          kind: 'changed' as const,
          reason: `企业更名：${before!.name} → ${change.newEnterpriseName}`,
          detail: { changeId: change.id },
        })),
      );
    }
  }
  await tx
    .update(personnelChanges)
    .set({ status: approve ? 'approved' : 'returned', decidedBy: actor.accountId, decidedAt: sql`now()`, decisionReason: why })
    .where(eq(personnelChanges.id, change.id));
  await recordAudit(tx, ctx, {
    action: approve ? 'personnel_change.approved' : 'personnel_change.returned',
    outcome: 'success',
    targetType: 'personnel_change',
    targetId: change.id,
    jurisdictionCode: change.jurisdictionCode,
    detail: { kind: 'rename', from: before!.name, to: change.newEnterpriseName, reason: why },
  });
  await notifyEnterprise(tx, change.enterpriseId, {
    title: `企业更名申请${approve ? '已通过' : '被退回'}`,
    body: approve ? `企业名称已变更为 ${change.newEnterpriseName}，本企业证书同步显示新名称。` : `更名申请被退回：${why}`,
    link: '/personnel-changes',
  });
  return { status: approve ? ('approved' as const) : ('returned' as const) };
}
