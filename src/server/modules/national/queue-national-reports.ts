import { randomUUID } from 'node:crypto';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { certificateIdentifier } from '../../../shared/domain/national/certificate-identifier.js';
import {
  isReported,
  operateTypeOf,
  standardOf,
  toNationalPayload,
  type Issuer,
  type NationalCertificate,
  type ReportedEventKind,
} from '../../../shared/domain/national/national-payload.js';
import type { CertificateStatus } from '../../../shared/domain/certificate.js';
import type { NationalIssuer } from '../../config.js';
import type { Executor } from '../../db/client.js';
import { rowsOf } from '../../db/client.js';
import { certificates, enterprises, nationalReports, persons, registrations } from '../../db/schema/index.js';
import { getProvinceSettings } from '../settings/province-settings.js';

export type QueuedEvent = {
  eventId: number | null;
  certificateId: string;
  kind: ReportedEventKind;
  /** The state before the event, when it changed the state: what a certificate's very first report must say. */
  before?: CertificateStatus;
};

/** 流水号 of the 证照标识: issue year + a serial per standard and year (7 digits 安管, 6 特种, as the platform's examples). */
async function drawIdentifierSerial(tx: Executor, standard: string, year: number): Promise<string> {
  const [row] = rowsOf<{ last_serial: number }>(
    await tx.execute(sql`
      INSERT INTO certificate_serials (prefix, last_serial) VALUES (${`证照标识:${standard}:${year}`}, 1)
      ON CONFLICT (prefix) DO UPDATE SET last_serial = certificate_serials.last_serial + 1
      RETURNING last_serial`),
  );
  return `${year}${String(row!.last_serial).padStart(standard === 'C0317' ? 7 : 6, '0')}`;
}

export async function issuerOf(exec: Executor, issuer: NationalIssuer): Promise<Issuer> {
  const province = await getProvinceSettings(exec);
  return {
    provinceNum: issuer.provinceNum,
    issuAuth: issuer.name ?? `${province.name}住房和城乡建设厅`,
    issuAuthCode: issuer.creditCode,
  };
}

const FIRST_REPORT: Record<'exam' | 'filing', ReportedEventKind> = { exam: 'issued', filing: 'filed' };

/**
 * Writes the national reports of certificate events, in the transaction that
 * recorded them (the outbox): each report gets its operateType and payload now,
 * from the certificate as the event left it, so a later change cannot alter
 * what an earlier report says. A new issue gets its 证照标识; an extension or
 * change moves it to the next version. A certificate that predates the feed
 * gets its first report (新发) ahead of its first event.
 */
export async function queueNationalReports(
  tx: Executor,
  issuerConfig: NationalIssuer,
  today: string,
  events: QueuedEvent[],
): Promise<void> {
  if (!events.length) return;
  const ids = [...new Set(events.map((e) => e.certificateId))];
  const rows = await tx
    .select({
      c: certificates,
      name: persons.name,
      gender: persons.gender,
      birthDate: persons.birthDate,
      employerName: enterprises.name,
      creditCode: enterprises.creditCode,
      education: registrations.education,
    })
    .from(certificates)
    .innerJoin(persons, eq(persons.id, certificates.personId))
    .leftJoin(enterprises, eq(enterprises.id, certificates.enterpriseId))
    .leftJoin(registrations, eq(registrations.id, certificates.registrationId))
    .where(inArray(certificates.id, ids))
    // Locked, in id order: two events of one certificate in two transactions (a rename beside an
    // extension, the expiry job beside a suspension) build their versions one after the other, and
    // report ids follow the order in which the changes commit.
    .orderBy(asc(certificates.id))
    .for('update', { of: certificates });
  const byId = new Map(rows.map((r) => [r.c.id, r]));
  const issuer = await issuerOf(tx, issuerConfig);
  const values: (typeof nationalReports.$inferInsert)[] = [];
  const state = new Map<string, { identifier: string | null; version: number; issueDate: string }>();

  const queue = async (r: (typeof rows)[number], kind: ReportedEventKind, eventId: number | null, status: CertificateStatus) => {
    const c = r.c;
    const standard = standardOf(c.category);
    const s = state.get(c.id) ?? {
      identifier: c.nationalIdentifier,
      version: c.nationalVersion,
      issueDate: c.currentIssueOn ?? c.issuedOn,
    };
    let previous: string | null = null;
    const draft = (identifier: string): NationalCertificate => ({
      number: c.number,
      category: c.category,
      otherWorkTypeName: c.otherWorkTypeName,
      status,
      firstIssuedOn: c.issuedOn,
      issueDate: s.issueDate,
      expiresOn: c.expiresOn,
      holder: { name: r.name, gender: r.gender, birthDate: r.birthDate, idNumber: '' },
      employer: r.employerName ? { name: r.employerName, creditCode: r.creditCode! } : null,
      job: c.job,
      title: c.title,
      education: r.education,
      identifier,
      previousIdentifier: previous,
    });
    if (!s.identifier) {
      const serial = await drawIdentifierSerial(tx, standard.standard, Number(c.issuedOn.slice(0, 4)));
      s.version = 1;
      s.identifier = certificateIdentifier({ typeCode: standard.typeCode, issuerCode: issuer.issuAuthCode, serial, version: 1 });
    } else if ((standard.newVersion as readonly string[]).includes(operateTypeOf(standard, kind))) {
      previous = s.identifier;
      s.version += 1;
      s.issueDate = today;
      const [typeCode, issuerCode, serial] = s.identifier.split('.').slice(5, 8) as [string, string, string];
      s.identifier = certificateIdentifier({ typeCode, issuerCode, serial, version: s.version });
    }
    state.set(c.id, s);
    const eCertId = randomUUID();
    const report = toNationalPayload(draft(s.identifier), kind, eCertId.replace(/-/g, ''), issuer);
    // The ID number and photo are read from the person when sending (send-national-reports.ts).
    const { identityCard: _id, photo: _photo, ...payload } = report.body;
    values.push({
      eCertId,
      certificateId: c.id,
      eventId,
      standard: report.standard,
      call: report.call,
      operateType: report.operateType,
      certState: report.certState,
      identifier: s.identifier,
      assignsQr: report.assignsQr,
      payload,
    });
  };

  for (const e of [...events].sort((a, b) => (a.eventId ?? 0) - (b.eventId ?? 0))) {
    const r = byId.get(e.certificateId);
    if (!r || !isReported(standardOf(r.c.category), e.kind)) continue;
    const first = FIRST_REPORT[r.c.source];
    const now = r.c.status as CertificateStatus;
    if (!state.has(r.c.id) && r.c.nationalVersion === 0 && e.kind !== first) await queue(r, first, null, e.before ?? now);
    await queue(r, e.kind, e.eventId, now);
  }
  if (!values.length) return;
  // An enterprise rename reports every certificate it holds: stay far below PostgreSQL's 65 535 parameters.
  for (let i = 0; i < values.length; i += 1000) await tx.insert(nationalReports).values(values.slice(i, i + 1000));
  const changed = [...state].map(([id, s]) => ({ id, identifier: s.identifier, version: s.version, issue_date: s.issueDate }));
  await tx.execute(sql`
    UPDATE certificates c SET national_identifier = v.identifier, national_version = v.version, current_issue_on = v.issue_date
    FROM jsonb_to_recordset(${JSON.stringify(changed)}::jsonb) AS v(id uuid, identifier text, version int, issue_date date)
    WHERE c.id = v.id`);
}
