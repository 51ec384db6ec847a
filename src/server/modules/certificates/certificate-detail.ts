import { asc, eq } from 'drizzle-orm';
import { categoryLabel } from '../../../shared/domain/categories.js';
import {
  CERTIFICATE_EVENT_LABELS,
  CERTIFICATE_MACHINE,
  CERTIFICATE_STATUS_LABELS,
  currentStatus,
  type CertificateAction,
} from '../../../shared/domain/certificate.js';
import { ALLOWED, machinePolicies, type Policies } from '../../../shared/policies.js';
import { nationalStateOf } from '../national/national-reports.js';
import type { Deps } from '../../deps.js';
import { certificateEvents, certificates, enterprises, jurisdictions, persons } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { notFound } from '../../http/errors.js';
import { inScope } from '../../http/scope.js';
import { beijingDate, certificateScope } from './certificate-scope.js';

const AUTHORITY_ROLES: string[] = ['city', 'province'];

/** One certificate with its history (证书历史): every event with who, when and why, oldest first. */
export async function certificateDetail(deps: Deps, actor: Actor, id: string) {
  const [row] = await deps.db
    .select({
      c: certificates,
      name: persons.name,
      masked: persons.idNumberMasked,
      enterpriseName: enterprises.name,
      creditCode: enterprises.creditCode,
      jurisdictionName: jurisdictions.name,
    })
    .from(certificates)
    .innerJoin(persons, eq(persons.id, certificates.personId))
    .innerJoin(jurisdictions, eq(jurisdictions.code, certificates.jurisdictionCode))
    .leftJoin(enterprises, eq(enterprises.id, certificates.enterpriseId))
    .where(inScope(actor, certificateScope, eq(certificates.id, id)));
  if (!row) throw notFound('证书');
  const events = await deps.db
    .select()
    .from(certificateEvents)
    .where(eq(certificateEvents.certificateId, id))
    .orderBy(asc(certificateEvents.at), asc(certificateEvents.id));
  const status = currentStatus(row.c.status, row.c.expiresOn, beijingDate(deps.now()));
  const authority = AUTHORITY_ROLES.includes(actor.role);
  const national = authority ? await nationalStateOf(deps.db, id) : null;
  return {
    id: row.c.id,
    number: row.c.number,
    name: row.name,
    maskedIdNumber: row.masked,
    category: row.c.category,
    categoryLabel: categoryLabel(row.c.category, row.c.otherWorkTypeName),
    enterpriseName: row.enterpriseName,
    creditCode: row.creditCode,
    jurisdictionName: row.jurisdictionName,
    issuedOn: row.c.issuedOn,
    expiresOn: row.c.expiresOn,
    status,
    statusLabel: CERTIFICATE_STATUS_LABELS[status],
    source: row.c.source,
    job: row.c.job,
    // 暂扣 / 恢复 / 撤销 / 注销 belong to the authorities whose scope holds the certificate (this read already checked it).
    policies: authority
      ? {
          ...machinePolicies(CERTIFICATE_MACHINE, status, CERTIFICATE_MACHINE.actions),
          ...(national?.state === 'failed' ? { nationalRetry: ALLOWED } : {}),
        }
      : ({} as Policies<CertificateAction | 'nationalRetry'>),
    national: national && {
      identifier: row.c.nationalIdentifier,
      qr: row.c.nationalQr,
      ...national,
    },
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      label: CERTIFICATE_EVENT_LABELS[e.kind] ?? e.kind,
      at: e.at.toISOString(),
      actorName: e.actorName,
      reason: e.reason,
    })),
  };
}
