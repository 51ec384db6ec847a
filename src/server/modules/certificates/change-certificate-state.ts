import { and, eq, sql } from 'drizzle-orm';
import {
  CERTIFICATE_MACHINE,
  CERTIFICATE_STATUS_LABELS,
  CERTIFICATE_TRANSITIONS,
  currentStatus,
  type CertificateAction,
} from '../../../shared/domain/certificate.js';
import type { Deps } from '../../deps.js';
import { certificates, personnelChanges } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { AppError, notFound, requireReason } from '../../http/errors.js';
import { inScope } from '../../http/scope.js';
import { recordAudit } from '../audit/record-audit.js';
import { notifyEnterprise, notifyHolder } from '../notifications/notify.js';
import { beijingDate, certificateScope } from './certificate-scope.js';
import { recordCertificateEvents } from './record-certificate-event.js';

const WHY: Record<CertificateAction, string> = {
  suspend: '请填写暂扣原因',
  restore: '请填写恢复原因',
  revoke: '请填写撤销原因',
  revoke_license: '请填写吊销原因',
  cancel: '请填写注销原因',
  transfer_out: '请填写转出原因（转往省份）',
  cancel_transfer_out: '请填写取消转出原因',
};

/**
 * 暂扣 / 恢复 / 撤销 / 注销 by the authority of the certificate's jurisdiction
 * (or the province), with a reason: the state changes, an event records who,
 * when and why, holder and employer are told — all in one transaction, so the
 * public page shows the new state with the very next lookup.
 */
export async function changeCertificateState(
  deps: Deps,
  ctx: RequestContext,
  certificateId: string,
  action: CertificateAction,
  reason: string,
) {
  const actor = requireActor(ctx);
  const why = requireReason(reason, WHY[action]);
  const rule = CERTIFICATE_TRANSITIONS[action];
  return deps.db.transaction(async (tx) => {
    const [c] = await tx
      .select()
      .from(certificates)
      .where(inScope(actor, certificateScope, eq(certificates.id, certificateId)))
      .for('update');
    if (!c) throw notFound('证书');
    // A 有效 certificate past its date is 失效 already, whether or not the nightly job has run.
    const status = currentStatus(c.status, c.expiresOn, beijingDate(deps.now()));
    if (!CERTIFICATE_MACHINE.can(status, action))
      throw new AppError('INVALID_STATE', `${rule.refusal}（当前状态：${CERTIFICATE_STATUS_LABELS[status]}）`);
    await tx.update(certificates).set({ status: rule.to }).where(eq(certificates.id, c.id));
    await recordCertificateEvents(deps, tx, actor, [
      { certificateId: c.id, kind: action, reason: why, detail: { from: status, to: rule.to } },
    ]);
    if (rule.to !== 'valid') {
      // A pending transfer or change of a certificate that is no longer 有效 has nothing left to decide.
      const cancelled = await tx
        .update(personnelChanges)
        .set({
          status: 'cancelled',
          decidedBy: actor.accountId,
          decidedAt: sql`now()`,
          decisionReason: `证书已${CERTIFICATE_STATUS_LABELS[rule.to]}，申请自动取消`,
        })
        .where(and(eq(personnelChanges.certificateId, c.id), eq(personnelChanges.status, 'pending')))
        .returning({ enterpriseId: personnelChanges.enterpriseId });
      for (const p of cancelled)
        await notifyEnterprise(tx, p.enterpriseId, {
          title: '人员变更申请已取消',
          body: `证书 ${c.number} 已${CERTIFICATE_STATUS_LABELS[rule.to]}，相关人员变更申请自动取消。`,
          link: '/personnel-changes',
        });
    }
    await recordAudit(tx, ctx, {
      action: `certificate.${action}`,
      outcome: 'success',
      targetType: 'certificate',
      targetId: c.id,
      jurisdictionCode: c.jurisdictionCode,
      detail: { number: c.number, reason: why },
    });
    const notice = {
      title: `证书${CERTIFICATE_STATUS_LABELS[rule.to] === '有效' ? '已恢复' : `已${CERTIFICATE_STATUS_LABELS[rule.to]}`}`,
      body: `证书 ${c.number} 现为「${CERTIFICATE_STATUS_LABELS[rule.to]}」。原因：${why}`,
      link: '/my-certificates',
    };
    await notifyHolder(tx, c.personId, notice);
    if (c.enterpriseId) await notifyEnterprise(tx, c.enterpriseId, { ...notice, link: '/certificates' });
    return { status: rule.to, statusLabel: CERTIFICATE_STATUS_LABELS[rule.to] };
  });
}
