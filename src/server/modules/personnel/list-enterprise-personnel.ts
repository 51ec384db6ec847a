import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { categoryLabel } from '../../../shared/domain/categories.js';
import {
  CERTIFICATE_STATUS_LABELS,
  currentStatus,
  extensionWindowOpens,
  type CertificateStatus,
} from '../../../shared/domain/certificate.js';
import { ALLOWED, notYet, type Policies, type Policy } from '../../../shared/policies.js';
import { REGISTRATION_STATUS_LABELS } from '../../../shared/domain/registration-status.js';
import { SECONDS_PER_STUDY_HOUR } from '../../../shared/domain/study-rules.js';
import type { Deps } from '../../deps.js';
import {
  certificates,
  examApplications,
  examScores,
  examSessions,
  extensionRequests,
  persons,
  registrations,
} from '../../db/schema/index.js';
import { continuingSecondsOf } from '../continuing/continuing-hours.js';
import { extensionHoursRefusal, extensionOpensOn, extensionWindowRefusal } from '../continuing/extensions.js';
import { getStudyRules } from '../learning/study-rules.js';
import type { Actor } from '../../http/actor.js';
import { beijingDate, certificateScope } from '../certificates/certificate-scope.js';
import { inScope, scopeWhere } from '../../http/scope.js';
import { registrationScope } from '../registrations/registration-scope.js';
import { resultOf } from '../exams/list-exams.js';
import { getPassMarks } from '../exams/pass-marks.js';
import { planSecondsOfRegistration } from '../learning/study-progress.js';

type PersonnelAction = 'requestExtension' | 'enrolContinuing';

/**
 * What the enterprise may do with each of its certificates: 继续教育报名 while
 * 有效; 申请延期 while 有效, shown early with the day it opens, and in the window
 * with what is still missing (continuing hours, a request already waiting) —
 * the same checks requestExtension makes, so the button never fails after the click.
 */
async function certificatePolicies(deps: Deps, certs: (typeof certificates.$inferSelect)[], today: string) {
  const valid = certs.filter((c) => currentStatus(c.status, c.expiresOn, today) === 'valid');
  const pending = new Set(
    valid.length
      ? (
          await deps.db
            .select({ id: extensionRequests.certificateId })
            .from(extensionRequests)
            .where(
              and(
                inArray(
                  extensionRequests.certificateId,
                  valid.map((c) => c.id),
                ),
                eq(extensionRequests.status, 'pending'),
              ),
            )
        ).map((r) => r.id)
      : [],
  );
  // Only certificates in their last three months need their continuing-education hours: one statement for all of them.
  const open = valid.filter((c) => !pending.has(c.id) && !extensionWindowRefusal(c, today));
  const [seconds, rules] = await Promise.all([continuingSecondsOf(deps.db, open), getStudyRules(deps.db)]);
  const inWindow = new Map<string, Policy>(
    open.map((c) => {
      const short = extensionHoursRefusal(seconds.get(c.id) ?? 0, rules);
      return [c.id, short ? notYet(short) : ALLOWED];
    }),
  );
  return (c: typeof certificates.$inferSelect): Policies<PersonnelAction> => {
    if (currentStatus(c.status, c.expiresOn, today) !== 'valid') return {};
    const requestExtension = pending.has(c.id)
      ? notYet('已有待审核的延期申请')
      : (inWindow.get(c.id) ?? notYet(extensionOpensOn(extensionWindowOpens(c.expiresOn))));
    return { enrolContinuing: ALLOWED, requestExtension };
  };
}

export type PersonnelFilter = {
  name?: string;
  category?: string;
  status?: CertificateStatus | 'none';
  expiringWithinDays?: number;
};

/**
 * 本企业人员信息查询: one row per person and category the enterprise is
 * concerned with — a registration naming it as employer and/or a certificate it
 * holds — with the registration state, study hours, the latest exam result and
 * the certificate. Enterprises count their people in hundreds or thousands, so
 * the rows are merged here and filtered in memory.
 */
export async function listEnterprisePersonnel(deps: Deps, actor: Actor, filter: PersonnelFilter) {
  const marks = await getPassMarks(deps.db);
  const today = beijingDate(deps.now());
  const regs = await deps.db
    .select({ r: registrations, name: persons.name, masked: persons.idNumberMasked, seconds: planSecondsOfRegistration() })
    .from(registrations)
    .innerJoin(persons, eq(persons.id, registrations.personId))
    .where(
      inScope(
        actor,
        registrationScope,
        isNull(registrations.deletedAt),
        inArray(registrations.status, ['awaiting_employer', 'awaiting_authority', 'approved', 'returned']),
      ),
    );
  const certs = await deps.db
    .select({ c: certificates, name: persons.name, masked: persons.idNumberMasked })
    .from(certificates)
    .innerJoin(persons, eq(persons.id, certificates.personId))
    .where(scopeWhere(actor, certificateScope))
    .orderBy(desc(certificates.issuedOn));
  const sittings = regs.length
    ? await deps.db
        .select({
          registrationId: examApplications.registrationId,
          category: examApplications.category,
          score: examScores,
          at: examSessions.startsAt,
        })
        .from(examApplications)
        .innerJoin(examScores, eq(examScores.applicationId, examApplications.id))
        .innerJoin(examSessions, eq(examSessions.id, examApplications.sessionId))
        .where(
          inArray(
            examApplications.registrationId,
            regs.map((r) => r.r.id),
          ),
        )
        .orderBy(desc(examSessions.startsAt))
    : [];
  const latest = new Map<string, string>();
  for (const s of sittings)
    if (!latest.has(s.registrationId)) latest.set(s.registrationId, resultOf(s.category, s.score, marks)!.label);

  type Row = {
    key: string;
    personId: string;
    name: string;
    maskedIdNumber: string;
    category: string;
    categoryLabel: string;
    registrationStatus: string | null;
    hours: number | null;
    examResult: string | null;
    certificateId: string | null;
    number: string | null;
    expiresOn: string | null;
    status: CertificateStatus | null;
    statusLabel: string | null;
    policies: Policies<PersonnelAction>;
  };
  const policiesOf = await certificatePolicies(
    deps,
    certs.map((x) => x.c),
    today,
  );
  const rows = new Map<string, Row>();
  for (const { r, name, masked, seconds } of regs) {
    rows.set(`${r.personId}:${r.category}`, {
      key: r.id,
      personId: r.personId,
      name,
      maskedIdNumber: masked,
      category: r.category,
      categoryLabel: categoryLabel(r.category, r.otherWorkTypeName),
      registrationStatus: REGISTRATION_STATUS_LABELS[r.status],
      hours: Math.floor((seconds / SECONDS_PER_STUDY_HOUR) * 10) / 10,
      examResult: latest.get(r.id) ?? null,
      certificateId: null,
      number: null,
      expiresOn: null,
      status: null,
      statusLabel: null,
      policies: {},
    });
  }
  for (const { c, name, masked } of certs) {
    const key = `${c.personId}:${c.category}`;
    const status = currentStatus(c.status, c.expiresOn, today);
    const base = rows.get(key) ?? {
      key: c.id,
      personId: c.personId,
      name,
      maskedIdNumber: masked,
      category: c.category,
      categoryLabel: categoryLabel(c.category, c.otherWorkTypeName),
      registrationStatus: null,
      hours: null,
      examResult: null,
    };
    rows.set(key, {
      ...base,
      certificateId: c.id,
      number: c.number,
      expiresOn: c.expiresOn,
      status,
      statusLabel: CERTIFICATE_STATUS_LABELS[status],
      policies: policiesOf(c),
    } as Row);
  }
  const until =
    filter.expiringWithinDays !== undefined
      ? new Date(Date.parse(`${today}T00:00:00Z`) + filter.expiringWithinDays * 86_400_000).toISOString().slice(0, 10)
      : null;
  const name = filter.name?.trim();
  return [...rows.values()]
    .filter((r) => !name || r.name.includes(name))
    .filter((r) => !filter.category || r.category === filter.category)
    .filter((r) => !filter.status || (filter.status === 'none' ? r.status === null : r.status === filter.status))
    .filter((r) => !until || (r.status === 'valid' && r.expiresOn !== null && r.expiresOn <= until))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.category.localeCompare(b.category));
}
