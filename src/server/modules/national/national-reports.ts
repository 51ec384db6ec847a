import { NATIONAL_REPORT_STATE_LABELS } from '../../../shared/domain/national/report-states.js';
import { and, asc, desc, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { C0304, C0317 } from '../../../shared/domain/national/dictionaries.js';
import type { Deps } from '../../deps.js';
import { certificates, nationalReports, persons, type NationalReportStatus } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';
import { requireActor, type Actor, type RequestContext } from '../../http/actor.js';
import { AppError, notFound } from '../../http/errors.js';
import { inScope } from '../../http/scope.js';
import { ALLOWED } from '../../../shared/policies.js';
import { recordAudit } from '../audit/record-audit.js';
import { certificateScope } from '../certificates/certificate-scope.js';

export const NATIONAL_STATE_LABELS = NATIONAL_REPORT_STATE_LABELS;

export const operateTypeLabel = (standard: string, code: string) =>
  ((standard === 'C0317' ? C0317.operateType : C0304.operateType) as Record<string, string>)[code] ?? code;

/** The same state in SQL, for a list: one index probe per row (national_reports_certificate_idx). */
export const nationalStateSql = (certificateId: AnyColumn) => sql<'sent' | 'pending' | 'failed'>`(
  SELECT CASE WHEN bool_or(r.status = 'failed') THEN 'failed' WHEN bool_or(r.status = 'pending') OR count(*) = 0 THEN 'pending'
  ELSE 'sent' END FROM national_reports r WHERE r.certificate_id = ${certificateId})`;

/**
 * A certificate's national state: failed when any report was refused, pending
 * while one waits, sent when all went through; with the reports for its history.
 */
export async function nationalStateOf(exec: Executor, certificateId: string) {
  const reports = await exec
    .select()
    .from(nationalReports)
    .where(eq(nationalReports.certificateId, certificateId))
    .orderBy(asc(nationalReports.id));
  const failed = reports.find((r) => r.status === 'failed');
  const pending = reports.find((r) => r.status === 'pending');
  const state: NationalReportStatus = failed ? 'failed' : pending ? 'pending' : reports.length ? 'sent' : 'pending';
  return {
    state,
    stateLabel: NATIONAL_STATE_LABELS[state],
    error: failed?.lastError ?? pending?.lastError ?? null,
    reports: reports.map((r) => ({
      id: r.id,
      operateType: r.operateType,
      label: operateTypeLabel(r.standard, r.operateType),
      identifier: r.identifier,
      status: r.status,
      statusLabel: NATIONAL_STATE_LABELS[r.status],
      attempts: r.attempts,
      lastError: r.lastError,
      createdAt: r.createdAt.toISOString(),
      sentAt: r.sentAt?.toISOString() ?? null,
    })),
  };
}

/**
 * 重新上报: the refused reports of a certificate go back into the queue, due now,
 * and the ones behind them follow in order. The ID number and the photo are read
 * afresh when sending, so a corrected photo goes with the retry.
 */
export async function retryNationalReports(deps: Deps, ctx: RequestContext, certificateId: string) {
  const actor = requireActor(ctx);
  return deps.db.transaction(async (tx) => {
    const [c] = await tx
      .select({ id: certificates.id, number: certificates.number, jurisdictionCode: certificates.jurisdictionCode })
      .from(certificates)
      .where(inScope(actor, certificateScope, eq(certificates.id, certificateId)))
      .for('update');
    if (!c) throw notFound('证书');
    const reset = await tx
      .update(nationalReports)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: sql`now()`, claimedUntil: null, lastError: null })
      .where(and(eq(nationalReports.certificateId, c.id), eq(nationalReports.status, 'failed')))
      .returning({ id: nationalReports.id });
    if (!reset.length) throw new AppError('INVALID_STATE', '该证书没有上报失败的数据，无需重新上报');
    await recordAudit(tx, ctx, {
      action: 'national.report_retried',
      outcome: 'success',
      targetType: 'certificate',
      targetId: c.id,
      jurisdictionCode: c.jurisdictionCode,
      detail: { number: c.number, reports: reset.length },
    });
    return { ok: true as const, count: reset.length };
  });
}

export type NationalReportFilter = { status?: 'failed' | 'pending'; page: number; pageSize: number };

/** 全国平台上报: counts of the whole feed in the caller's scope and the reports that need attention, oldest first. */
export async function listNationalReports(deps: Deps, actor: Actor, filter: NationalReportFilter) {
  const scoped = (extra?: SQL) => inScope(actor, certificateScope, extra);
  const [counts] = await deps.db
    .select({
      sent: sql<number>`count(*) FILTER (WHERE ${nationalReports.status} = 'sent')::int`,
      pending: sql<number>`count(*) FILTER (WHERE ${nationalReports.status} = 'pending' AND ${nationalReports.attempts} = 0)::int`,
      retrying: sql<number>`count(*) FILTER (WHERE ${nationalReports.status} = 'pending' AND ${nationalReports.attempts} > 0)::int`,
      failed: sql<number>`count(*) FILTER (WHERE ${nationalReports.status} = 'failed')::int`,
      oldestPendingAt: sql<string | null>`min(${nationalReports.createdAt}) FILTER (WHERE ${nationalReports.status} = 'pending')`,
    })
    .from(nationalReports)
    .innerJoin(certificates, eq(certificates.id, nationalReports.certificateId))
    .where(scoped());
  const where = scoped(filter.status ? eq(nationalReports.status, filter.status) : sql`${nationalReports.status} <> 'sent'`);
  const [{ total }] = (await deps.db
    .select({ total: sql<number>`count(*)::int` })
    .from(nationalReports)
    .innerJoin(certificates, eq(certificates.id, nationalReports.certificateId))
    .where(where)) as [{ total: number }];
  const rows = await deps.db
    .select({ r: nationalReports, number: certificates.number, name: persons.name })
    .from(nationalReports)
    .innerJoin(certificates, eq(certificates.id, nationalReports.certificateId))
    .innerJoin(persons, eq(persons.id, certificates.personId))
    .where(where)
    .orderBy(desc(sql`${nationalReports.status} = 'failed'`), asc(nationalReports.id))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  return {
    connected: !!deps.config.nationalPlatform,
    counts: {
      sent: counts!.sent,
      pending: counts!.pending,
      retrying: counts!.retrying,
      failed: counts!.failed,
      oldestPendingAt: counts!.oldestPendingAt ? new Date(counts!.oldestPendingAt).toISOString() : null,
    },
    total,
    rows: rows.map(({ r, number, name }) => ({
      id: r.id,
      certificateId: r.certificateId,
      number,
      name,
      standard: r.standard,
      operateType: r.operateType,
      label: operateTypeLabel(r.standard, r.operateType),
      status: r.status,
      statusLabel: r.status === 'pending' && r.attempts > 0 ? '重试中' : NATIONAL_STATE_LABELS[r.status],
      attempts: r.attempts,
      lastError: r.lastError,
      createdAt: r.createdAt.toISOString(),
      nextAttemptAt: r.status === 'pending' ? r.nextAttemptAt.toISOString() : null,
      // The caller's scope already holds the certificate (this list is scoped): a refused report may be sent again.
      policies: r.status === 'failed' ? { nationalRetry: ALLOWED } : {},
    })),
  };
}
