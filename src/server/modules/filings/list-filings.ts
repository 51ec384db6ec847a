import { count, desc, eq, ilike, or, sql } from 'drizzle-orm';
import { FILING_MACHINE } from '../../../shared/domain/machine.js';
import { decisionPolicies } from '../../../shared/policies.js';
import { categoryLabel } from '../../../shared/domain/categories.js';
import { normaliseCertificateNumber } from '../../../shared/domain/certificate.js';
import type { Deps } from '../../deps.js';
import { certificateFilings, enterprises, FILING_STATUSES } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { pageWithTotal } from '../../http/paging.js';
import { inScope } from '../../http/scope.js';
import { filingScope } from './filing-scope.js';
import { containsPattern } from '../../db/client.js';

export const FILING_STATUS_LABELS: Record<(typeof FILING_STATUSES)[number], string> = {
  pending: '待核验',
  approved: '已通过',
  returned: '已退回',
};

/** Filings of the enterprise (its own), the city (its jurisdiction) or the province (all), newest first. */
export async function listFilings(
  deps: Deps,
  actor: Actor,
  filter: { status?: (typeof FILING_STATUSES)[number]; q?: string },
  paging: { page: number; pageSize: number },
) {
  const q = filter.q?.trim();
  const where = inScope(
    actor,
    filingScope,
    filter.status ? eq(certificateFilings.status, filter.status) : undefined,
    q
      ? or(ilike(certificateFilings.name, containsPattern(q)), eq(certificateFilings.number, normaliseCertificateNumber(q)))
      : undefined,
  );
  const counted = deps.db.select({ total: count() }).from(certificateFilings).where(where);
  const { total, rows } = await pageWithTotal(
    await deps.db
      .select({ f: certificateFilings, enterpriseName: enterprises.name, total: sql<number>`(${counted})::int` })
      .from(certificateFilings)
      .innerJoin(enterprises, eq(enterprises.id, certificateFilings.enterpriseId))
      .where(where)
      .orderBy(desc(certificateFilings.createdAt), desc(certificateFilings.id))
      .limit(paging.pageSize)
      .offset((paging.page - 1) * paging.pageSize),
    paging,
    async () => (await counted)[0]!.total,
  );
  return {
    total,
    rows: rows.map(({ f, enterpriseName }) => ({
      id: f.id,
      name: f.name,
      maskedIdNumber: f.idNumberMasked,
      category: f.category,
      categoryLabel: categoryLabel(f.category, f.otherWorkTypeName),
      number: f.number,
      issuedOn: f.issuedOn,
      expiresOn: f.expiresOn,
      enterpriseName,
      status: f.status,
      statusLabel: FILING_STATUS_LABELS[f.status],
      returnReason: f.returnReason,
      scanFileId: f.scanFileId,
      certificateId: f.certificateId,
      createdAt: f.createdAt.toISOString(),
      imported: f.batchId !== null,
      policies: decisionPolicies(FILING_MACHINE, f.status, actor.role === 'city'),
    })),
  };
}
