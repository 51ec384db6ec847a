import { and, eq, exists, isNull, sql, type SQL } from 'drizzle-orm';
import { maskPhone } from '../../../shared/domain/id-number.js';
import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/client.js';
import { accounts, certificates, persons } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { notFound } from '../../http/errors.js';
import { formatDateTime } from '../../http/excel.js';
import { inScope } from '../../http/scope.js';
import { certificateScope } from '../certificates/certificate-scope.js';

/**
 * 账号身份确认: candidate accounts not yet confirmed whose person holds a
 * certificate the caller is responsible for (the employer, the certificate's
 * city). Those are the people the caller can check face to face.
 */
function unconfirmedInScope(actor: Actor, ...conditions: (SQL | undefined)[]): SQL {
  const holdsCertificateHere = exists(
    sql`(SELECT 1 FROM ${certificates} WHERE ${certificates.personId} = ${accounts.personId} AND ${certificates.status} = 'valid' AND ${inScope(actor, certificateScope)})`,
  );
  // An employer vouches only for its own people: once the person holds a certificate at another
  // enterprise, confirming would open that certificate to whoever the employer vouched for — the city decides.
  const heldElsewhere =
    actor.role === 'enterprise'
      ? sql`EXISTS (SELECT 1 FROM ${certificates} WHERE ${certificates.personId} = ${accounts.personId} AND ${certificates.enterpriseId} IS DISTINCT FROM ${actor.enterpriseId})`
      : undefined;
  return and(
    eq(accounts.role, 'candidate'),
    isNull(accounts.identityVerifiedAt),
    isNull(accounts.disabledAt),
    holdsCertificateHere,
    heldElsewhere ? sql`NOT ${heldElsewhere}` : undefined,
    ...conditions,
  )!;
}

export async function listUnconfirmedAccounts(deps: Deps, actor: Actor) {
  const rows = await deps.db
    .select({
      id: accounts.id,
      name: persons.name,
      masked: persons.idNumberMasked,
      phoneEnc: persons.phoneEnc,
      createdAt: accounts.createdAt,
      certificates: sql<string>`(SELECT string_agg(${certificates.number}, '、' ORDER BY ${certificates.number}) FROM ${certificates}
        WHERE ${certificates.personId} = ${accounts.personId} AND ${inScope(actor, certificateScope)})`,
    })
    .from(accounts)
    .innerJoin(persons, eq(persons.id, accounts.personId))
    .where(unconfirmedInScope(actor))
    .orderBy(accounts.createdAt)
    .limit(500);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    maskedIdNumber: r.masked,
    maskedPhone: r.phoneEnc ? maskPhone(deps.crypto.decrypt(r.phoneEnc)) : null,
    registeredAt: formatDateTime(r.createdAt),
    certificates: r.certificates ?? '',
  }));
}

export async function loadUnconfirmedAccountForUpdate(exec: Executor, actor: Actor, id: string) {
  const [account] = await exec
    .select()
    .from(accounts)
    .where(unconfirmedInScope(actor, eq(accounts.id, id)))
    .for('update');
  if (!account) throw notFound('待确认账号');
  return account;
}
