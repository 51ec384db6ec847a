import { eq } from 'drizzle-orm';
import { categoryLabel } from '../../../shared/domain/categories.js';
import { CERTIFICATE_STATUS_LABELS, currentStatus, normaliseCertificateNumber } from '../../../shared/domain/certificate.js';
import { parseIdNumber } from '../../../shared/domain/id-number.js';
import type { Deps } from '../../deps.js';
import { certificates, enterprises, persons } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { invalid } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { beijingDate } from '../certificates/certificate-scope.js';

/**
 * 读取原有证人员信息: an enterprise looks up a certificate holder by exact ID
 * number or certificate number (never by name), to take them in through a
 * personnel change. It sees what the public sees plus the current employer;
 * every lookup is audited.
 */
export async function lookupHolder(deps: Deps, ctx: RequestContext, q: { idNumber?: string; number?: string }) {
  const actor = requireActor(ctx);
  let personCondition;
  if (q.number?.trim()) {
    const [c] = await deps.db.select({ personId: certificates.personId }).from(certificates).where(eq(certificates.number, normaliseCertificateNumber(q.number)));
    if (!c) return audited(deps, ctx, [], 'number');
    personCondition = eq(certificates.personId, c.personId);
  } else if (q.idNumber?.trim()) {
    const parsed = parseIdNumber(q.idNumber);
    if (!parsed.ok) throw invalid('idNumber', parsed.message);
    personCondition = eq(persons.idNumberHash, deps.crypto.lookupHash('id', parsed.value.idNumber));
  } else {
    throw invalid('idNumber', '请输入身份证号或证书编号');
  }
  const today = beijingDate(deps.now());
  const rows = await deps.db.select({ c: certificates, name: persons.name, masked: persons.idNumberMasked, enterpriseName: enterprises.name })
    .from(certificates).innerJoin(persons, eq(persons.id, certificates.personId)).leftJoin(enterprises, eq(enterprises.id, certificates.enterpriseId))
    .where(personCondition);
  const found = rows.map(({ c, name, masked, enterpriseName }) => {
    const status = currentStatus(c.status, c.expiresOn, today);
    return {
      id: c.id, number: c.number, name, maskedIdNumber: masked, categoryLabel: categoryLabel(c.category, c.otherWorkTypeName), enterpriseName,
      ours: c.enterpriseId === actor.enterpriseId, issuedOn: c.issuedOn, expiresOn: c.expiresOn, status, statusLabel: CERTIFICATE_STATUS_LABELS[status],
    };
  });
  return audited(deps, ctx, found, q.number ? 'number' : 'idNumber');
}

async function audited<T>(deps: Deps, ctx: RequestContext, rows: T[], by: string): Promise<T[]> {
  await recordAudit(deps.db, ctx, { action: 'personnel.lookup', outcome: 'success', targetType: 'person', detail: { by, found: rows.length } });
  return rows;
}
