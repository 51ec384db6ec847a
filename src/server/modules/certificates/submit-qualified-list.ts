import { eq, inArray } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { accounts, examApplications, qualifiedListEntries, qualifiedLists } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { AppError, invalid } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { notifyAccounts } from '../notifications/notify.js';
import { qualifiedCandidates } from './qualified-candidates.js';

/**
 * The city submits the chosen passed candidates as one 合格名单 to the province.
 * Every chosen application is checked again inside the transaction (passed,
 * own city, on no other live list); a unique index settles a double click.
 */
export async function submitQualifiedList(
  deps: Deps,
  ctx: RequestContext,
  input: { listTitle: string; applicationIds: string[] },
) {
  const actor = requireActor(ctx);
  const title = input.listTitle.trim();
  if (title.length < 2) throw invalid('listTitle', '请填写，至少2个字');
  const ids = [...new Set(input.applicationIds)];
  if (ids.length === 0) throw invalid('applicationIds', '请至少选择一名合格人员');
  return deps.db.transaction(async (tx) => {
    // Lock the chosen applications so a concurrent submission of the same people waits for this one.
    const apps = await tx
      .select({ id: examApplications.id, sessionId: examApplications.sessionId })
      .from(examApplications)
      .where(inArray(examApplications.id, ids))
      .orderBy(examApplications.id)
      .for('update');
    const eligible = new Set(
      (await qualifiedCandidates(tx, actor, [...new Set(apps.map((a) => a.sessionId))])).map((c) => c.applicationId),
    );
    const refused = ids.filter((id) => !eligible.has(id));
    if (refused.length > 0) {
      throw new AppError(
        'INVALID_STATE',
        `有 ${refused.length} 名人员不在可上报范围内（未合格、已在其他名单中或已发证），请刷新后重新选择`,
        'applicationIds',
        refused.map((id) => ({ field: id, message: '不可上报' })),
      );
    }
    const [list] = await tx
      .insert(qualifiedLists)
      .values({ jurisdictionCode: actor.jurisdictionCode!, title, entryCount: ids.length, submittedBy: actor.accountId })
      .returning();
    await tx.insert(qualifiedListEntries).values(ids.map((applicationId) => ({ listId: list!.id, applicationId })));
    await recordAudit(tx, ctx, {
      action: 'qualified_list.submitted',
      outcome: 'success',
      targetType: 'qualified_list',
      targetId: list!.id,
      detail: { title, entries: ids.length },
    });
    const province = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.role, 'province'));
    await notifyAccounts(
      tx,
      province.map((p) => p.id),
      {
        title: '有新的合格名单待确认',
        body: `${actor.displayName}提交了「${title}」，共 ${ids.length} 人。`,
        link: '/qualified-lists',
      },
    );
    return { id: list!.id, entryCount: ids.length };
  });
}
