import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { certificatePrefix, certificateNumber, expiryDate, type NumberParts } from '../../../shared/domain/certificate.js';
import type { Tx } from '../../db/client.js';
import type { Deps } from '../../deps.js';
import { rowsOf } from '../../db/client.js';
import {
  accounts,
  certificates,
  examApplications,
  jurisdictions,
  qualifiedListEntries,
  registrations,
} from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { notifyMany } from '../notifications/notify.js';
import { newVerifyToken } from './verify-token.js';
import { forgetAccountSessionsHere } from '../auth/session-cache.js';
import { recordCertificateEvents } from './record-certificate-event.js';

/**
 * Draws `count` consecutive serials for a number prefix. The row is locked until
 * the transaction ends, so concurrent confirmations queue here; a rollback gives
 * the serials back. Hence neither gaps nor duplicates.
 */
async function drawSerials(tx: Tx, prefix: string, count: number): Promise<number> {
  const result = await tx.execute(sql`
    INSERT INTO certificate_serials (prefix, last_serial) VALUES (${prefix}, ${count})
    ON CONFLICT (prefix) DO UPDATE SET last_serial = certificate_serials.last_serial + ${count}
    RETURNING last_serial`);
  const last = Number(rowsOf<{ last_serial: number }>(result)[0]!.last_serial);
  return last - count + 1;
}

/**
 * Issues the certificates of a confirmed list, in the confirming transaction:
 * numbers per SPEC §2, validity from the issue date, state 有效, a random
 * verification token, an 'issued' event each, and notices to holder and employer.
 */
export async function issueCertificatesForList(
  deps: Pick<Deps, 'config' | 'now'>,
  tx: Tx,
  actor: Actor,
  listId: string,
  issuedOn: string,
  provinceAbbreviation: string,
): Promise<number> {
  const rows = await tx
    .select({ a: examApplications, r: registrations, letter: jurisdictions.letter })
    .from(qualifiedListEntries)
    .innerJoin(examApplications, eq(examApplications.id, qualifiedListEntries.applicationId))
    .innerJoin(registrations, eq(registrations.id, examApplications.registrationId))
    .innerJoin(jurisdictions, eq(jurisdictions.code, examApplications.jurisdictionCode))
    .where(eq(qualifiedListEntries.listId, listId))
    .orderBy(asc(examApplications.ticketNumber), asc(examApplications.id));
  const year = Number(issuedOn.slice(0, 4));
  const byPrefix = new Map<string, { parts: NumberParts; rows: typeof rows }>();
  for (const row of rows) {
    const parts = { provinceAbbreviation, category: row.a.category, year, jurisdictionLetter: row.letter };
    const prefix = certificatePrefix(parts);
    const group = byPrefix.get(prefix) ?? { parts, rows: [] };
    group.rows.push(row);
    byPrefix.set(prefix, group);
  }
  // Always lock counters in the same order, so two lists sharing prefixes cannot deadlock.
  const values: (typeof certificates.$inferInsert)[] = [];
  for (const prefix of [...byPrefix.keys()].sort()) {
    const group = byPrefix.get(prefix)!;
    const first = await drawSerials(tx, prefix, group.rows.length);
    group.rows.forEach(({ a, r }, i) => {
      const id = randomUUID();
      values.push({
        id,
        number: certificateNumber(group.parts, first + i),
        verifyToken: newVerifyToken(id),
        personId: a.personId,
        category: a.category,
        otherWorkTypeName: r.otherWorkTypeName,
        enterpriseId: r.enterpriseId,
        jurisdictionCode: a.jurisdictionCode,
        issuedOn,
        expiresOn: expiryDate(issuedOn, a.category),
        source: 'exam',
        registrationId: r.id,
        applicationId: a.id,
        listId,
        photoFileId: r.photoFileId,
        job: r.job,
        title: r.title,
      });
    });
  }
  if (values.length === 0) return 0;
  const issued = await tx.insert(certificates).values(values).returning({
    id: certificates.id,
    number: certificates.number,
    personId: certificates.personId,
    enterpriseId: certificates.enterpriseId,
  });
  await recordCertificateEvents(
    deps,
    tx,
    actor,
    issued.map((c) => ({ certificateId: c.id, kind: 'issued' as const, detail: { number: c.number, listId } })),
  );
  // Whoever sat the exam was checked against their ID card in the exam room (人证核验): the account
  // that registered for it is that person. (Approving a registration alone proves nothing: it holds no ID scan.)
  const verified = await tx
    .update(accounts)
    .set({ identityVerifiedAt: sql`now()`, identityVerifiedBy: actor.accountId })
    .where(and(inArray(accounts.personId, [...new Set(issued.map((c) => c.personId))]), isNull(accounts.identityVerifiedAt)))
    .returning({ id: accounts.id });
  // Other processes hear it from the database's notice; this one knows now.
  for (const a of verified) forgetAccountSessionsHere(a.id);
  const perEnterprise = new Map<string, number>();
  for (const c of issued) if (c.enterpriseId) perEnterprise.set(c.enterpriseId, (perEnterprise.get(c.enterpriseId) ?? 0) + 1);
  await notifyMany(tx, [
    ...issued.map((c) => ({
      personId: c.personId,
      notice: { title: '证书已核发', body: `您的证书已核发，证书编号 ${c.number}。`, link: '/my-certificates' },
    })),
    ...[...perEnterprise].map(([enterpriseId, n]) => ({
      enterpriseId,
      notice: { title: '本企业人员证书已核发', body: `省厅已确认成绩名单，本企业 ${n} 人获发证书。`, link: '/personnel' },
    })),
  ]);
  return issued.length;
}
