import { and, eq, inArray } from 'drizzle-orm';
import { categoryLabel } from '../../../shared/domain/categories.js';
import { maskIdNumber, maskPhone } from '../../../shared/domain/id-number.js';
import { REGISTRATION_STATUS_LABELS } from '../../../shared/domain/registration-status.js';
import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/client.js';
import { employerChangeRequests, enterprises, jurisdictions, persons, registrations } from '../../db/schema/index.js';

/** Columns every registration screen shows; ID and phone numbers leave the server masked. */
export const registrationViewColumns = {
  registration: registrations,
  personName: persons.name,
  idNumberEnc: persons.idNumberEnc,
  phoneEnc: persons.phoneEnc,
  gender: persons.gender,
  birthDate: persons.birthDate,
  jurisdictionName: jurisdictions.name,
  enterpriseName: enterprises.name,
  enterpriseCreditCode: enterprises.creditCode,
};

export function registrationViewQuery(exec: Executor) {
  return exec
    .select(registrationViewColumns)
    .from(registrations)
    .innerJoin(persons, eq(persons.id, registrations.personId))
    .innerJoin(jurisdictions, eq(jurisdictions.code, registrations.jurisdictionCode))
    .leftJoin(enterprises, eq(enterprises.id, registrations.enterpriseId));
}

type Row = Awaited<ReturnType<ReturnType<typeof registrationViewQuery>['execute']>>[number];

export function toRegistrationView(deps: Deps, row: Row) {
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
      maskedIdNumber: maskIdNumber(deps.crypto.decrypt(row.idNumberEnc)),
      maskedPhone: row.phoneEnc ? maskPhone(deps.crypto.decrypt(row.phoneEnc)) : null,
      gender: row.gender,
      birthDate: row.birthDate,
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
  };
}

export type RegistrationView = ReturnType<typeof toRegistrationView> & { pendingEmployerChange?: { toEnterpriseName: string; reason: string } | null };

/** Adds the pending 单位变更申请 (if any) to each view, in one query for the whole page. */
export async function withPendingEmployerChanges(exec: Executor, views: RegistrationView[]): Promise<RegistrationView[]> {
  if (views.length === 0) return views;
  const pending = await exec
    .select({ registrationId: employerChangeRequests.registrationId, reason: employerChangeRequests.reason, toEnterpriseName: enterprises.name })
    .from(employerChangeRequests)
    .innerJoin(enterprises, eq(enterprises.id, employerChangeRequests.toEnterpriseId))
    .where(and(inArray(employerChangeRequests.registrationId, views.map((v) => v.id)), eq(employerChangeRequests.status, 'pending')));
  const byId = new Map(pending.map((p) => [p.registrationId, { toEnterpriseName: p.toEnterpriseName, reason: p.reason }]));
  return views.map((v) => ({ ...v, pendingEmployerChange: byId.get(v.id) ?? null }));
}
