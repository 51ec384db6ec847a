import { and, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { ageOn } from '../../../shared/domain/eligibility.js';
import { categoryLabel } from '../../../shared/domain/categories.js';
import { maskPhone } from '../../../shared/domain/id-number.js';
import { REGISTRATION_STATUS_LABELS } from '../../../shared/domain/registration-status.js';
import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/client.js';
import type { Actor } from '../../http/actor.js';
import { registrationPolicies } from './registration-policies.js';
import { employerChangeRequests, enterprises, jurisdictions, persons, registrations } from '../../db/schema/index.js';

const pendingEnterprise = alias(enterprises, 'pending_enterprise');

/** Columns every registration screen shows; ID and phone numbers leave the server masked. */
export const registrationViewColumns = {
  registration: registrations,
  personName: persons.name,
  maskedIdNumber: persons.idNumberMasked,
  phoneEnc: persons.phoneEnc,
  gender: persons.gender,
  birthDate: persons.birthDate,
  jurisdictionName: jurisdictions.name,
  enterpriseName: enterprises.name,
  enterpriseCreditCode: enterprises.creditCode,
  pendingChangeReason: employerChangeRequests.reason,
  pendingChangeEnterpriseName: pendingEnterprise.name,
  /** Rows matching the filter before paging: one query answers both the page and the total. */
  total: sql<number>`(count(*) over ())::int`,
};

/**
 * Every registration list reads through this one query: person, jurisdiction,
 * employer and the pending 单位变更申请 (at most one, by a partial unique index) joined in.
 */
export function registrationViewQuery(exec: Executor) {
  return exec
    .select(registrationViewColumns)
    .from(registrations)
    .innerJoin(persons, eq(persons.id, registrations.personId))
    .innerJoin(jurisdictions, eq(jurisdictions.code, registrations.jurisdictionCode))
    .leftJoin(enterprises, eq(enterprises.id, registrations.enterpriseId))
    .leftJoin(
      employerChangeRequests,
      and(eq(employerChangeRequests.registrationId, registrations.id), eq(employerChangeRequests.status, 'pending')),
    )
    .leftJoin(pendingEnterprise, eq(pendingEnterprise.id, employerChangeRequests.toEnterpriseId));
}

type Row = Awaited<ReturnType<ReturnType<typeof registrationViewQuery>['execute']>>[number];

export function toRegistrationView(deps: Deps, actor: Actor, row: Row) {
  const r = row.registration;
  return {
    id: r.id,
    category: r.category,
    categoryLabel: categoryLabel(r.category, r.otherWorkTypeName),
    otherWorkTypeName: r.otherWorkTypeName,
    jurisdictionCode: r.jurisdictionCode,
    jurisdictionName: row.jurisdictionName,
    enterpriseId: r.enterpriseId,
    enterpriseName: row.enterpriseName,
    enterpriseCreditCode: row.enterpriseCreditCode,
    status: r.status,
    statusLabel: REGISTRATION_STATUS_LABELS[r.status],
    education: r.education,
    title: r.title,
    job: r.job,
    experienceYears: r.experienceYears,
    qualificationNumber: r.qualificationNumber,
    medicalExamDate: r.medicalExamDate,
    photoFileId: r.photoFileId,
    diplomaFileId: r.diplomaFileId,
    qualificationFileId: r.qualificationFileId,
    medicalFileId: r.medicalFileId,
    person: {
      name: row.personName,
      maskedIdNumber: row.maskedIdNumber,
      maskedPhone: row.phoneEnc ? maskPhone(deps.crypto.decrypt(row.phoneEnc)) : null,
      gender: row.gender,
      // Age, not birth date: the birth date is what the mask hides.
      age: ageOn(row.birthDate, deps.now().toISOString().slice(0, 10)),
    },
    labourRelationConfirmed: r.labourRelationConfirmed,
    annualTrainingConfirmed: r.annualTrainingConfirmed,
    employerConfirmedAt: r.employerConfirmedAt?.toISOString() ?? null,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    returnReason: r.returnReason,
    returnedByRole: r.returnedByRole,
    returnedAt: r.returnedAt?.toISOString() ?? null,
    approvedAt: r.approvedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    pendingEmployerChange: row.pendingChangeEnterpriseName
      ? { toEnterpriseName: row.pendingChangeEnterpriseName, reason: row.pendingChangeReason ?? '' }
      : null,
    policies: registrationPolicies(actor, r.status, !!row.pendingChangeEnterpriseName),
  };
}

export type RegistrationView = ReturnType<typeof toRegistrationView>;
