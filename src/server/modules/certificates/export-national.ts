import { and, asc, eq } from 'drizzle-orm';
import { isSafetyCategory } from '../../../shared/domain/categories.js';
import { currentStatus, NATIONAL_CERT_STATE } from '../../../shared/domain/certificate.js';
import type { Deps } from '../../deps.js';
import { certificates, enterprises, persons } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { EXPORT_LIMIT } from '../../http/paging.js';
import { inScope } from '../../http/scope.js';
import { recordAudit } from '../audit/record-audit.js';
import { getProvinceSettings } from '../settings/province-settings.js';
import { beijingDate, certificateScope } from './certificate-scope.js';
import { listFilterConditions, type CertificateFilter } from './list-certificates.js';

/**
 * The national electronic-certificate layout (C0317-2022 安管人员, C0304-2022 特种作业):
 * one object per certificate with the standard's field names, for exchange with
 * the national platform. It carries the full ID number, so only authorities may
 * export it, and every export is audited.
 */
export async function exportNationalCertificates(deps: Deps, ctx: RequestContext, filter: CertificateFilter) {
  const actor = requireActor(ctx);
  const province = await getProvinceSettings(deps.db);
  const today = beijingDate(deps.now());
  const rows = await deps.db
    .select({ c: certificates, p: persons, companyName: enterprises.name, creditCode: enterprises.creditCode })
    .from(certificates)
    .innerJoin(persons, eq(persons.id, certificates.personId))
    .leftJoin(enterprises, eq(enterprises.id, certificates.enterpriseId))
    .where(and(inScope(actor, certificateScope, ...listFilterConditions(filter, beijingDate(deps.now())))))
    .orderBy(asc(certificates.number))
    .limit(EXPORT_LIMIT);
  await recordAudit(deps.db, ctx, {
    action: 'certificate.exported',
    outcome: 'success',
    targetType: 'certificate',
    detail: { count: rows.length, filter },
  });
  return {
    standard: 'C0317-2022 / C0304-2022',
    issuingAuthority: `${province.name}住房和城乡建设厅`,
    exportedAt: new Date().toISOString(),
    count: rows.length,
    certificates: rows.map(({ c, p, companyName, creditCode }) => ({
      eCertID: c.id,
      certType: isSafetyCategory(c.category) ? 'C0317' : 'C0304',
      certNum: c.number,
      categoryCode: c.category,
      categoryName: c.otherWorkTypeName ?? undefined,
      name: p.name,
      gender: p.gender === 'male' ? '1' : '2',
      birthDate: p.birthDate,
      identityCard: deps.crypto.decrypt(p.idNumberEnc),
      companyName: companyName ?? '',
      creditCode: creditCode ?? '',
      issuedDate: c.issuedOn,
      effectiveDate: c.issuedOn,
      expiringDate: c.expiresOn,
      certState: NATIONAL_CERT_STATE[currentStatus(c.status, c.expiresOn, today)],
      issuingAuthority: `${province.name}住房和城乡建设厅`,
      jurisdictionCode: c.jurisdictionCode,
    })),
  };
}
