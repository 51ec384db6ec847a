import { and, eq, sql, type SQL } from 'drizzle-orm';
import { categoryLabel } from '../../../shared/domain/categories.js';
import {
  CERTIFICATE_STATUS_LABELS,
  currentStatus,
  normaliseCertificateNumber,
  type CertificateStatus,
} from '../../../shared/domain/certificate.js';
import { parseIdNumber } from '../../../shared/domain/id-number.js';
import type { Deps } from '../../deps.js';
import type { Db } from '../../db/client.js';
import { rowsOf } from '../../db/client.js';
import { certificates, enterprises, persons } from '../../db/schema/index.js';
import type { RequestContext } from '../../http/actor.js';
import { invalid, notFound } from '../../http/errors.js';
import { beijingDate } from '../certificates/certificate-scope.js';
import { certificateIdOfToken } from '../certificates/verify-token.js';
import type { LookupLog } from './lookup-log.js';

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

type Row = {
  id: string;
  number: string;
  name: string;
  id_number_masked: string;
  category: string;
  other_work_type_name: string | null;
  enterprise_name: string | null;
  issued_on: string | Date;
  expires_on: string | Date;
  status: CertificateStatus;
};

const dateOf = (v: string | Date) => (typeof v === 'string' ? v : v.toISOString().slice(0, 10));

/** Finds certificates (at most 500, newest first) and puts the lookup on the log: kind, address, found or not. */
async function lookup(
  deps: Deps,
  log: LookupLog,
  ctx: RequestContext,
  kind: 'number' | 'name_id' | 'token' | 'enterprise',
  condition: SQL,
): Promise<PublicCertificate[]> {
  const result = await deps.db.execute(sql`
    SELECT c.id, c.number, p.name, p.id_number_masked, c.category, c.other_work_type_name, e.name AS enterprise_name, c.issued_on, c.expires_on, c.status
    FROM certificates c JOIN persons p ON p.id = c.person_id LEFT JOIN enterprises e ON e.id = c.enterprise_id
    WHERE ${condition}
    ORDER BY c.issued_on DESC
    LIMIT 500`);
  const rows = rowsOf<Row>(result);
  log.record({ ip: ctx.ip, kind, certificateId: rows[0]?.id ?? null, found: rows.length > 0 });
  const today = beijingDate(deps.now());
  return rows.map((r) => toPublic(r, today));
}

function toPublic(r: Row, today: string): PublicCertificate {
  const expiresOn = dateOf(r.expires_on);
  const status = currentStatus(r.status, expiresOn, today);
  return {
    number: r.number,
    name: r.name,
    maskedIdNumber: r.id_number_masked,
    categoryLabel: categoryLabel(r.category, r.other_work_type_name),
    enterpriseName: r.enterprise_name,
    issuedOn: dateOf(r.issued_on),
    expiresOn,
    status,
    statusLabel: CERTIFICATE_STATUS_LABELS[status],
  };
}

function buildVerifyStatement(db: Db) {
  return db
    .select({
      id: certificates.id,
      number: certificates.number,
      name: persons.name,
      id_number_masked: persons.idNumberMasked,
      category: certificates.category,
      other_work_type_name: certificates.otherWorkTypeName,
      enterprise_name: enterprises.name,
      issued_on: certificates.issuedOn,
      expires_on: certificates.expiresOn,
      status: certificates.status,
    })
    .from(certificates)
    .innerJoin(persons, eq(persons.id, certificates.personId))
    .leftJoin(enterprises, eq(enterprises.id, certificates.enterpriseId))
    .where(and(eq(certificates.id, sql.placeholder('id')), eq(certificates.verifyToken, sql.placeholder('token'))))
    .prepare('agt_verify_certificate');
}
const verifyStatements = new WeakMap<Db, ReturnType<typeof buildVerifyStatement>>();

/**
 * The QR code's page: the unguessable token is the only key. It is the busiest
 * public page (every inspection on every site), so it is one prepared
 * primary-key lookup: the token carries the certificate id and its secret half
 * must match too.
 */
export async function verifyCertificate(
  deps: Deps,
  log: LookupLog,
  ctx: RequestContext,
  token: string,
): Promise<PublicCertificate> {
  const id = certificateIdOfToken(token);
  let statement = verifyStatements.get(deps.db);
  if (!statement) verifyStatements.set(deps.db, (statement = buildVerifyStatement(deps.db)));
  const [row] = id ? await statement.execute({ id, token }) : [];
  log.record({ ip: ctx.ip, kind: 'token', certificateId: row?.id ?? null, found: !!row });
  if (!row) throw notFound('证书');
  return toPublic(row, beijingDate(deps.now()));
}

/** 诚信平台人员库 search: by certificate number, or by name together with ID number; never by name alone. */
export async function searchCertificates(
  deps: Deps,
  log: LookupLog,
  ctx: RequestContext,
  q: { number?: string; name?: string; idNumber?: string },
): Promise<PublicCertificate[]> {
  const number = q.number?.trim();
  if (number) return lookup(deps, log, ctx, 'number', sql`c.number = ${normaliseCertificateNumber(number)}`);
  const name = q.name?.trim() ?? '';
  const idNumber = q.idNumber?.trim().toUpperCase() ?? '';
  if (!name && !idNumber) throw invalid('number', '请输入证书编号，或同时输入姓名和身份证号');
  if (!name) throw invalid('name', '按身份证号查询时请同时输入姓名');
  if (!idNumber) throw invalid('idNumber', '按姓名查询时请同时输入身份证号');
  const parsed = parseIdNumber(idNumber);
  if (!parsed.ok) throw invalid('idNumber', parsed.message);
  const hash = deps.crypto.lookupHash('id', parsed.value.idNumber);
  return lookup(deps, log, ctx, 'name_id', sql`p.id_number_hash = ${hash} AND p.name = ${name}`);
}

/** An enterprise's people who hold a certificate through it (transferred-out ones are no longer its people). */
export function searchCertificatesOfEnterprise(
  deps: Deps,
  log: LookupLog,
  ctx: RequestContext,
  enterpriseId: string,
): Promise<PublicCertificate[]> {
  return lookup(deps, log, ctx, 'enterprise', sql`c.enterprise_id = ${enterpriseId} AND c.status <> 'transferred_out'`);
}
