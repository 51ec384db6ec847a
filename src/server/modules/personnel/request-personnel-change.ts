import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { accounts, certificates, enterprises, personnelChanges } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { AppError, invalid, notFound, requireReason } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { beijingDate } from '../certificates/certificate-scope.js';
import { notifyAccounts, notifyEnterprise, notifyHolder } from '../notifications/notify.js';
import { violatedUniqueIndex } from '../../db/client.js';

const PENDING = '该证书已有待审核的人员变更申请，请等待主管部门审核';

/** What to say when a partial unique index refused a second pending change. */
const PENDING_BY_INDEX: Record<string, string> = {
  personnel_changes_pending_idx: PENDING,
  personnel_changes_pending_rename_idx: '本企业已有待审核的更名申请',
};

/** 企业更名: the enterprise asks for its new name; on approval every certificate it holds shows it. */
async function requestRename(deps: Deps, ctx: RequestContext, newName: string, why: string) {
  const actor = requireActor(ctx);
  const name = newName.trim();
  if (name.length < 4) throw invalid('newEnterpriseName', '请填写完整的新企业名称');
  return deps.db.transaction(async (tx) => {
    const [me] = await tx.select().from(enterprises).where(eq(enterprises.id, actor.enterpriseId!));
    if (me!.name === name) throw invalid('newEnterpriseName', '新名称与现名称相同');
    const [change] = await tx
      .insert(personnelChanges)
      .values({
        kind: 'rename',
        enterpriseId: me!.id,
        jurisdictionCode: me!.jurisdictionCode,
        newEnterpriseName: name,
        reason: why,
        requestedBy: actor.accountId,
      })
      .returning({ id: personnelChanges.id });
    await recordAudit(tx, ctx, {
      action: 'personnel_change.requested',
      outcome: 'success',
      targetType: 'personnel_change',
      targetId: change!.id,
      detail: { kind: 'rename', from: me!.name, to: name },
    });
    const city = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(eq(accounts.role, 'city'), eq(accounts.jurisdictionCode, me!.jurisdictionCode)));
    await notifyAccounts(
      tx,
      city.map((a) => a.id),
      { title: '有企业更名申请待审核', body: `${me!.name} 申请更名为 ${name}。`, link: '/personnel-changes' },
    );
    return { id: change!.id };
  });
}

export type ChangeRequest =
  | { kind: 'transfer'; certificateId: string; reason: string }
  | { kind: 'details'; certificateId: string; reason: string; newJob?: string | null; newTitle?: string | null }
  | { kind: 'rename'; reason: string; newEnterpriseName: string };

/**
 * 人员变更申请. 调入 (transfer): the applying enterprise asks to take a holder
 * from another enterprise. The request alone changes nothing about the
 * certificate (anyone could file one): the holder must confirm it in the app,
 * then the authority of the applying enterprise approves it. One pending change
 * per certificate (a partial unique index), so of two enterprises applying
 * together exactly one gets to ask. The holder, the current employer and the
 * certificate's city are told. 信息变更 (details): the holder's own enterprise
 * changes job or title, reviewed by its authority.
 */
export async function requestPersonnelChange(deps: Deps, ctx: RequestContext, input: ChangeRequest) {
  const actor = requireActor(ctx);
  const why = requireReason(input.reason, '请填写变更原因');
  try {
    if (input.kind === 'rename') return await requestRename(deps, ctx, input.newEnterpriseName, why);
    return await deps.db.transaction(async (tx) => {
      const [me] = await tx.select().from(enterprises).where(eq(enterprises.id, actor.enterpriseId!));
      const [c] = await tx.select().from(certificates).where(eq(certificates.id, input.certificateId));
      if (!c) throw notFound('证书');
      let fromEnterpriseId: string | null = null;
      if (input.kind === 'transfer') {
        if (c.enterpriseId === me!.id) throw new AppError('INVALID_STATE', '该人员已在本企业，无需调入');
        if (c.status !== 'valid' || c.expiresOn < beijingDate(deps.now()))
          throw new AppError('CONFLICT', '只有有效的证书可以办理调入');
        fromEnterpriseId = c.enterpriseId;
      } else {
        // Details are changed by the holder's own enterprise only; any other learns nothing of the certificate.
        if (c.enterpriseId !== me!.id) throw notFound('证书');
        if (!input.newJob?.trim() && !input.newTitle?.trim()) throw invalid('newJob', '请填写新的岗位或职称');
      }
      const [change] = await tx
        .insert(personnelChanges)
        .values({
          certificateId: c.id,
          kind: input.kind,
          enterpriseId: me!.id,
          fromEnterpriseId,
          jurisdictionCode: me!.jurisdictionCode,
          newJob: input.kind === 'details' ? input.newJob?.trim() || null : null,
          newTitle: input.kind === 'details' ? input.newTitle?.trim() || null : null,
          reason: why,
          requestedBy: actor.accountId,
        })
        .returning({ id: personnelChanges.id });
      await recordAudit(tx, ctx, {
        action: 'personnel_change.requested',
        outcome: 'success',
        targetType: 'personnel_change',
        targetId: change!.id,
        detail: { kind: input.kind, certificate: c.number },
      });
      if (input.kind === 'transfer') {
        await notifyHolder(tx, c.personId, {
          title: '有单位申请调入您的证书',
          body: `${me!.name} 申请将您的证书 ${c.number} 调入该单位。请在“我的证书”中确认是否同意；您确认并经主管部门审核后才会变更。`,
          link: '/my-certificates',
        });
        if (fromEnterpriseId)
          await notifyEnterprise(tx, fromEnterpriseId, {
            title: '有单位申请调入本企业人员',
            body: `${me!.name} 申请调入证书 ${c.number} 的持证人，须持证人确认并经主管部门审核。`,
            link: '/certificates',
          });
        const certificateCity = await tx
          .select({ id: accounts.id })
          .from(accounts)
          .where(and(eq(accounts.role, 'city'), eq(accounts.jurisdictionCode, c.jurisdictionCode)));
        if (c.jurisdictionCode !== me!.jurisdictionCode)
          await notifyAccounts(
            tx,
            certificateCity.map((a) => a.id),
            { title: '本地证书有调出申请', body: `${me!.name} 申请调入证书 ${c.number} 的持证人。`, link: '/certificates' },
          );
      }
      const city = await tx
        .select({ id: accounts.id })
        .from(accounts)
        .where(and(eq(accounts.role, 'city'), eq(accounts.jurisdictionCode, me!.jurisdictionCode)));
      await notifyAccounts(
        tx,
        city.map((a) => a.id),
        {
          title: '有人员变更申请待审核',
          body: `${me!.name} 提交了人员变更申请（证书 ${c.number}）。`,
          link: '/personnel-changes',
        },
      );
      return { id: change!.id };
    });
  } catch (err) {
    const duplicate = PENDING_BY_INDEX[violatedUniqueIndex(err) ?? ''];
    if (duplicate) throw new AppError('CONFLICT', duplicate);
    throw err;
  }
}
