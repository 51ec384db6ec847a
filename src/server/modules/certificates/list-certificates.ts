import { nationalStateSql } from '../national/national-reports.js';
import { and, count, desc, eq, gte, ilike, lte, or, sql, type SQL } from 'drizzle-orm';
import { categoryLabel } from '../../../shared/domain/categories.js';
import {
  CERTIFICATE_STATUS_LABELS,
  currentStatus,
  normaliseCertificateNumber,
  type CertificateStatus,
} from '../../../shared/domain/certificate.js';
import type { Deps } from '../../deps.js';
import { certificates, enterprises, jurisdictions, persons } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { pageWithTotal } from '../../http/paging.js';
import { inScope } from '../../http/scope.js';
import { beijingDate, certificateScope } from './certificate-scope.js';
import { containsPattern } from '../../db/client.js';

export type CertificateFilter = {
  q?: string;
  category?: string;
  status?: CertificateStatus;
  jurisdictionCode?: string;
  listId?: string;
  issuedFrom?: string;
  issuedTo?: string;
  /** 即将到期: still 有效 and expiring between today and this many days from now. */
  expiringWithinDays?: number;
};

const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Certificates expiring soon: 有效, expiry between today and today + days (the home page counts the same). */
export function expiringWithin(today: string, days: number): SQL {
  return and(
    eq(certificates.status, 'valid'),
    gte(certificates.expiresOn, today),
    lte(certificates.expiresOn, plusDays(today, days)),
  )!;
}

export function listFilterConditions(f: CertificateFilter, today: string): (SQL | undefined)[] {
  const q = f.q?.trim();
  return [
    q ? or(ilike(persons.name, containsPattern(q)), eq(certificates.number, normaliseCertificateNumber(q))) : undefined,
    f.category ? eq(certificates.category, f.category) : undefined,
    f.status ? eq(certificates.status, f.status) : undefined,
    f.jurisdictionCode ? eq(certificates.jurisdictionCode, f.jurisdictionCode) : undefined,
    f.listId ? eq(certificates.listId, f.listId) : undefined,
    f.issuedFrom ? gte(certificates.issuedOn, f.issuedFrom) : undefined,
    f.issuedTo ? lte(certificates.issuedOn, f.issuedTo) : undefined,
    f.expiringWithinDays !== undefined ? expiringWithin(today, f.expiringWithinDays) : undefined,
  ];
}

/** Certificates in the caller's scope: the city's, the enterprise's, the holder's own, or all for the province. */
export async function listCertificates(
  deps: Deps,
  actor: Actor,
  filter: CertificateFilter,
  paging: { page: number; pageSize: number },
) {
  const where = inScope(actor, certificateScope, ...listFilterConditions(filter, beijingDate(deps.now())));
  const counted = deps.db
    .select({ total: count() })
    .from(certificates)
    .innerJoin(persons, eq(persons.id, certificates.personId))
    .where(where);
  const { total, rows } = await pageWithTotal(
    await deps.db
      .select({
        c: certificates,
        name: persons.name,
        masked: persons.idNumberMasked,
        enterpriseName: enterprises.name,
        jurisdictionName: jurisdictions.name,
        // The feed is the authorities' business: holders and employers do not pay for its subquery.
        nationalState: actor.role === 'city' || actor.role === 'province' ? nationalStateSql(certificates.id) : sql<null>`null`,
        total: sql<number>`(${counted})::int`,
      })
      .from(certificates)
      .innerJoin(persons, eq(persons.id, certificates.personId))
      .innerJoin(jurisdictions, eq(jurisdictions.code, certificates.jurisdictionCode))
      .leftJoin(enterprises, eq(enterprises.id, certificates.enterpriseId))
      .where(where)
      .orderBy(desc(certificates.issuedOn), desc(certificates.number))
      .limit(paging.pageSize)
      .offset((paging.page - 1) * paging.pageSize),
    paging,
    async () => (await counted)[0]!.total,
  );
  const today = beijingDate(deps.now());
  return {
    total,
    rows: rows.map(({ c, name, masked, enterpriseName, jurisdictionName, nationalState }) => {
      const status = currentStatus(c.status, c.expiresOn, today);
      return {
        id: c.id,
        number: c.number,
        name,
        maskedIdNumber: masked,
        category: c.category,
        categoryLabel: categoryLabel(c.category, c.otherWorkTypeName),
        enterpriseName,
        jurisdictionName,
        issuedOn: c.issuedOn,
        expiresOn: c.expiresOn,
        status,
        statusLabel: CERTIFICATE_STATUS_LABELS[status],
        source: c.source,
        listId: c.listId,
        printed: c.firstPrintedAt !== null,
        nationalState,
      };
    }),
  };
}
