import { and, asc, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { certificates, persons } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { EXPORT_LIMIT } from '../../http/paging.js';
import { inScope } from '../../http/scope.js';
import { recordAudit } from '../audit/record-audit.js';
import { issuerOf } from '../national/queue-national-reports.js';
import { beijingDate, certificateScope } from './certificate-scope.js';
import { listFilterConditions, type CertificateFilter } from './list-certificates.js';

/**
 * The national electronic-certificate data (C0317-2022 安管人员, C0304-2022 特种作业)
 * of the certificates on screen, exactly as the national feed reports them: the
 * last full report (赋码) of each certificate with the state of its latest report.
 * It carries the full ID number, so only authorities may export it, and every
 * export is audited.
 */
export async function exportNationalCertificates(deps: Deps, ctx: RequestContext, filter: CertificateFilter) {
  const actor = requireActor(ctx);
  const issuer = await issuerOf(deps.db, deps.config.nationalIssuer);
  const rows = await deps.db
    .select({
      idNumberEnc: persons.idNumberEnc,
      full: sql<Record<string, unknown> | null>`(SELECT payload FROM national_reports r
        WHERE r.certificate_id = ${certificates.id} AND r.call = 'fm' ORDER BY r.id DESC LIMIT 1)`,
      latest: sql<{ certState: string; certStatusDescription: string; status: string } | null>`(SELECT jsonb_build_object(
          'certState', r.cert_state, 'certStatusDescription', r.payload->>'certStatusDescription', 'status', r.status)
        FROM national_reports r WHERE r.certificate_id = ${certificates.id} ORDER BY r.id DESC LIMIT 1)`,
    })
    .from(certificates)
    .innerJoin(persons, eq(persons.id, certificates.personId))
    .where(and(inScope(actor, certificateScope, ...listFilterConditions(filter, beijingDate(deps.now())))))
    .orderBy(asc(certificates.number))
    .limit(EXPORT_LIMIT);
  const reported = rows.filter((r) => r.full && r.latest);
  await recordAudit(deps.db, ctx, {
    action: 'certificate.exported',
    outcome: 'success',
    targetType: 'certificate',
    detail: { count: reported.length, filter },
  });
  return {
    standard: 'C0317-2022 / C0304-2022',
    issuingAuthority: issuer.issuAuth,
    exportedAt: new Date().toISOString(),
    count: reported.length,
    certificates: reported.map((r) => ({
      ...r.full!,
      identityCard: deps.crypto.decrypt(r.idNumberEnc),
      certState: r.latest!.certState,
      certStatusDescription: r.latest!.certStatusDescription,
      reportStatus: r.latest!.status,
    })),
  };
}
