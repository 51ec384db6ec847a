import { sql, type SQL } from 'drizzle-orm';
import { categoryLabel } from '../../../shared/domain/categories.js';
import { CERTIFICATE_STATUS_LABELS, currentStatus, normaliseCertificateNumber, type CertificateStatus } from '../../../shared/domain/certificate.js';
import { parseIdNumber } from '../../../shared/domain/id-number.js';
import type { Deps } from '../../deps.js';
import type { RequestContext } from '../../http/actor.js';
import { invalid, notFound } from '../../http/errors.js';
import { beijingDate } from '../certificates/certificate-scope.js';

/** What the public may see of a certificate: never the full ID number, never a phone. */
export type PublicCertificate = {
  number: string;
  name: string;
  maskedIdNumber: string;
  categoryLabel: string;
  enterpriseName: string | null;
  issuedOn: string;
  expiresOn: string;
  status: CertificateStatus;
  statusLabel: string;
};

type Row = { id: string; number: string; name: string; id_number_masked: string; category: string; other_work_type_name: string | null; enterprise_name: string | null; issued_on: string | Date; expires_on: string | Date; status: CertificateStatus };

const dateOf = (v: string | Date) => (typeof v === 'string' ? v : v.toISOString().slice(0, 10));

/**
 * One round trip: find the certificates and append the lookup to
 * `public_lookups` (who asked from where, what kind, found or not) in the same
 * statement, so a lookup is never answered without being logged.
 */
async function lookup(deps: Deps, ctx: RequestContext, kind: 'number' | 'name_id' | 'token' | 'enterprise', condition: SQL): Promise<PublicCertificate[]> {
  const result = await deps.db.execute(sql`
    WITH found AS (
      SELECT c.id, c.number, p.name, p.id_number_masked, c.category, c.other_work_type_name, e.name AS enterprise_name, c.issued_on, c.expires_on, c.status
      FROM certificates c JOIN persons p ON p.id = c.person_id LEFT JOIN enterprises e ON e.id = c.enterprise_id
      WHERE ${condition}
      ORDER BY c.issued_on DESC
      LIMIT 500
    ), logged AS (
      INSERT INTO public_lookups (ip, kind, certificate_id, found)
      SELECT ${ctx.ip}, ${kind}, (SELECT id FROM found LIMIT 1), EXISTS (SELECT 1 FROM found)
    )
    SELECT * FROM found`);
  const today = beijingDate(deps.now());
  return (result as unknown as { rows: Row[] }).rows.map((r) => {
    const expiresOn = dateOf(r.expires_on);
    const status = currentStatus(r.status, expiresOn, today);
    return {
      number: r.number, name: r.name, maskedIdNumber: r.id_number_masked, categoryLabel: categoryLabel(r.category, r.other_work_type_name),
      enterpriseName: r.enterprise_name, issuedOn: dateOf(r.issued_on), expiresOn, status, statusLabel: CERTIFICATE_STATUS_LABELS[status],
    };
  });
}

/** The QR code's page: the unguessable token is the only key. */
export async function verifyCertificate(deps: Deps, ctx: RequestContext, token: string): Promise<PublicCertificate> {
  const [c] = await lookup(deps, ctx, 'token', sql`c.verify_token = ${token}`);
  if (!c) throw notFound('证书');
  return c;
}

/** 诚信平台人员库 search: by certificate number, or by name together with ID number; never by name alone. */
export async function searchCertificates(deps: Deps, ctx: RequestContext, q: { number?: string; name?: string; idNumber?: string }): Promise<PublicCertificate[]> {
  const number = q.number?.trim();
  if (number) return lookup(deps, ctx, 'number', sql`c.number = ${normaliseCertificateNumber(number)}`);
  const name = q.name?.trim() ?? '';
  const idNumber = q.idNumber?.trim().toUpperCase() ?? '';
  if (!name && !idNumber) throw invalid('number', '请输入证书编号，或同时输入姓名和身份证号');
  if (!name) throw invalid('name', '按身份证号查询时请同时输入姓名');
  if (!idNumber) throw invalid('idNumber', '按姓名查询时请同时输入身份证号');
  const parsed = parseIdNumber(idNumber);
  if (!parsed.ok) throw invalid('idNumber', parsed.message);
  const hash = deps.crypto.lookupHash('id', parsed.value.idNumber);
  return lookup(deps, ctx, 'name_id', sql`p.id_number_hash = ${hash} AND p.name = ${name}`);
}

/** An enterprise's people who hold a certificate through it (transferred-out ones are no longer its people). */
export function searchCertificatesOfEnterprise(deps: Deps, ctx: RequestContext, enterpriseId: string): Promise<PublicCertificate[]> {
  return lookup(deps, ctx, 'enterprise', sql`c.enterprise_id = ${enterpriseId} AND c.status <> 'transferred_out'`);
}
