import { eq, sql } from 'drizzle-orm';
import { QUALIFIED_LIST_MACHINE } from '../../../shared/domain/machine.js';
import type { Deps } from '../../deps.js';
import { qualifiedListEntries, qualifiedLists } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { requireReason } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { notifyAccounts } from '../notifications/notify.js';
import { getProvinceSettings } from '../settings/province-settings.js';
import { beijingDate, loadListForUpdate } from './certificate-scope.js';
import { requireNationalClearance } from '../national/national-check.js';
import { issueCertificatesForList } from './issue-certificates.js';
import { listCheckSubjects } from './qualified-list-check.js';

/** 确认成绩名单: the province confirms a submitted list; its certificates are issued in the same transaction. */
export async function confirmQualifiedList(deps: Deps, ctx: RequestContext, listId: string, overrideReason?: string) {
  const actor = requireActor(ctx);
  const province = await getProvinceSettings(deps.db);
  const issuedOn = beijingDate(deps.now());
  // 全国平台查重 first, outside the transaction: no row stays locked while the platform answers.
  const subjects = await deps.db.transaction(async (tx) => {
    const list = await loadListForUpdate(tx, actor, listId);
    QUALIFIED_LIST_MACHINE.assert(list.status, 'approve');
    return listCheckSubjects(deps, tx, listId);
  });
  const clearance = await requireNationalClearance(deps, subjects, overrideReason);
  return deps.db.transaction(async (tx) => {
    const list = await loadListForUpdate(tx, actor, listId);
    QUALIFIED_LIST_MACHINE.assert(list.status, 'approve');
    const issued = await issueCertificatesForList(deps, tx, actor, listId, issuedOn, province.abbreviation);
    await tx
      .update(qualifiedLists)
      .set({ status: 'confirmed', decidedBy: actor.accountId, decidedAt: sql`now()` })
      .where(eq(qualifiedLists.id, listId));
    await recordAudit(tx, ctx, {
      action: 'qualified_list.confirmed',
      outcome: 'success',
      targetType: 'qualified_list',
      targetId: listId,
      jurisdictionCode: list.jurisdictionCode,
      detail: { issued, nationalCheck: clearance.check, overrideReason: clearance.overrideReason },
    });
    await notifyAccounts(tx, [list.submittedBy], {
      title: '合格名单已确认',
      body: `「${list.title}」已由省厅确认，核发证书 ${issued} 本。`,
      link: '/qualified-lists',
    });
    return { issued };
  });
}

/** The province returns a list with a reason; its people become free to be put on a corrected list. */
export async function returnQualifiedList(deps: Deps, ctx: RequestContext, listId: string, reason: string) {
  const actor = requireActor(ctx);
  const why = requireReason(reason, '请填写退回原因');
  await deps.db.transaction(async (tx) => {
    const list = await loadListForUpdate(tx, actor, listId);
    QUALIFIED_LIST_MACHINE.assert(list.status, 'return');
    await tx
      .update(qualifiedLists)
      .set({ status: 'returned', returnReason: why, decidedBy: actor.accountId, decidedAt: sql`now()` })
      .where(eq(qualifiedLists.id, listId));
    await tx.update(qualifiedListEntries).set({ active: false }).where(eq(qualifiedListEntries.listId, listId));
    await recordAudit(tx, ctx, {
      action: 'qualified_list.returned',
      outcome: 'success',
      targetType: 'qualified_list',
      targetId: listId,
      jurisdictionCode: list.jurisdictionCode,
      detail: { reason: why },
    });
    await notifyAccounts(tx, [list.submittedBy], {
      title: '合格名单被退回',
      body: `「${list.title}」被省厅退回。原因：${why}`,
      link: '/qualified-lists',
    });
  });
}
