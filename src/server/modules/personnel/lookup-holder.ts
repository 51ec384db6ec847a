import { eq } from 'drizzle-orm';
import { categoryLabel } from '../../../shared/domain/categories.js';
import { CERTIFICATE_STATUS_LABELS, currentStatus, normaliseCertificateNumber } from '../../../shared/domain/certificate.js';
import { maskIdNumber, parseIdNumber } from '../../../shared/domain/id-number.js';
import type { Deps } from '../../deps.js';
import { certificates, enterprises, persons } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { invalid } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { beijingDate } from '../certificates/certificate-scope.js';
import { countPersonLookups } from '../privacy/person-lookup-limit.js';

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
    const number = normaliseCertificateNumber(q.number);
    await countPersonLookups(deps, ctx, [{ kind: 'number', number }], 'personnel.lookup');
    const [c] = await deps.db
      .select({ personId: certificates.personId })
      .from(certificates)
      .where(eq(certificates.number, number));
    if (!c) return audited(deps, ctx, [], { by: 'number', searched: number.slice(0, 40) });
    personCondition = eq(certificates.personId, c.personId);
  } else if (q.idNumber?.trim()) {
    const parsed = parseIdNumber(q.idNumber);
    if (!parsed.ok) throw invalid('idNumber', parsed.message);
    await countPersonLookups(deps, ctx, [{ kind: 'id', idNumber: parsed.value.idNumber }], 'personnel.lookup');
    personCondition = eq(persons.idNumberHash, deps.crypto.lookupHash('id', parsed.value.idNumber));
  } else {
    throw invalid('idNumber', '请输入身份证号或证书编号');
  }
  const today = beijingDate(deps.now());
  const rows = await deps.db
    .select({ c: certificates, name: persons.name, masked: persons.idNumberMasked, enterpriseName: enterprises.name })
    .from(certificates)
    .innerJoin(persons, eq(persons.id, certificates.personId))
    .leftJoin(enterprises, eq(enterprises.id, certificates.enterpriseId))
    .where(personCondition);
  const found = rows.map(({ c, name, masked, enterpriseName }) => {
    const status = currentStatus(c.status, c.expiresOn, today);
    return {
      id: c.id,
      number: c.number,
      name,
      maskedIdNumber: masked,
      categoryLabel: categoryLabel(c.category, c.otherWorkTypeName),
      enterpriseName,
      ours: c.enterpriseId === actor.enterpriseId,
      issuedOn: c.issuedOn,
      expiresOn: c.expiresOn,
      status,
      statusLabel: CERTIFICATE_STATUS_LABELS[status],
    };
  });
  const searched = q.number?.trim()
    ? { by: 'number', searched: normaliseCertificateNumber(q.number).slice(0, 40) }
    : { by: 'idNumber', searched: maskIdNumber(parseIdNumber(q.idNumber!).ok ? q.idNumber!.trim().toUpperCase() : '') };
  return audited(deps, ctx, found, searched);
}

/** What was searched (the ID number masked) and which certificates were found. */
async function audited<T extends { number: string }>(
  deps: Deps,
  ctx: RequestContext,
  rows: T[],
  searched: { by: string; searched: string },
): Promise<T[]> {
  await recordAudit(deps.db, ctx, {
    action: 'personnel.lookup',
    outcome: 'success',
    targetType: 'person',
    detail: { ...searched, found: rows.length, certificates: rows.map((r) => r.number) },
  });
  return rows;
}
