import { and, count, desc, eq, gte, ilike, lt, or, type SQL } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { auditEvents } from '../../db/schema/index.js';
import { AUDIT_ACTIONS, type AuditAction } from './audit-actions.js';
import { describeTargets, targetText } from './describe-targets.js';

export type AuditFilter = {
  from?: string;
  to?: string;
  action?: AuditAction;
  outcome?: 'success' | 'failure' | 'denied';
  keyword?: string;
};

/** Beijing-day boundaries: the audit admin filters by calendar date as people in China read it. */
function dayStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

export async function searchAudit(deps: Deps, filter: AuditFilter, paging: { page: number; pageSize: number }) {
  const conditions: SQL[] = [];
  if (filter.from) conditions.push(gte(auditEvents.at, dayStart(filter.from)));
  if (filter.to) conditions.push(lt(auditEvents.at, new Date(dayStart(filter.to).getTime() + 86_400_000)));
  if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
  if (filter.outcome) conditions.push(eq(auditEvents.outcome, filter.outcome));
  if (filter.keyword) {
    const like = `%${filter.keyword.replace(/[%_\\]/g, '\\$&')}%`;
    const any = or(ilike(auditEvents.actorName, like), ilike(auditEvents.ip, like), ilike(auditEvents.targetId, like));
    if (any) conditions.push(any);
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const [{ total }] = await deps.db.select({ total: count() }).from(auditEvents).where(where);
  const rows = await deps.db
    .select()
    .from(auditEvents)
    .where(where)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize);
  const words = await describeTargets(deps, rows);
  return {
    total,
    rows: rows.map((r) => ({
      ...r,
      at: r.at.toISOString(),
      actionLabel: AUDIT_ACTIONS[r.action as AuditAction] ?? r.action,
      targetText: targetText(words, r.targetType, r.targetId),
    })),
  };
}
