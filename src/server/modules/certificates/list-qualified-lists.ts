import { and, asc, desc, eq } from 'drizzle-orm';
import { QUALIFIED_LIST_MACHINE } from '../../../shared/domain/machine.js';
import { ALLOWED, decisionPolicies, type Policies } from '../../../shared/policies.js';
import { categoryLabel } from '../../../shared/domain/categories.js';
import type { Deps } from '../../deps.js';
import {
  certificates,
  enterprises,
  examApplications,
  examScores,
  examSessions,
  jurisdictions,
  persons,
  qualifiedListEntries,
  qualifiedLists,
  registrations,
} from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { notFound } from '../../http/errors.js';
import { inScope } from '../../http/scope.js';
import { resultOf } from '../exams/list-exams.js';
import { getPassMarks } from '../exams/pass-marks.js';
import { qualifiedListScope } from './certificate-scope.js';

type ListStatus = (typeof qualifiedLists.$inferSelect)['status'];

/** 确认发证 / 退回 by the province; 批量打印 once confirmed, for whoever sees the list. */
function listPolicies(actor: Actor, status: ListStatus): Policies<'approve' | 'return' | 'print'> {
  return {
    ...decisionPolicies(QUALIFIED_LIST_MACHINE, status, actor.role === 'province'),
    ...(status === 'confirmed' ? { print: ALLOWED } : {}),
  };
}

/** Lists of the caller's city (city) or of every city (province), newest first; the province's queue is status=submitted. */
export async function listQualifiedLists(deps: Deps, actor: Actor, status?: ListStatus) {
  const rows = await deps.db
    .select({ l: qualifiedLists, jurisdictionName: jurisdictions.name })
    .from(qualifiedLists)
    .innerJoin(jurisdictions, eq(jurisdictions.code, qualifiedLists.jurisdictionCode))
    .where(inScope(actor, qualifiedListScope, status ? eq(qualifiedLists.status, status) : undefined))
    .orderBy(desc(qualifiedLists.submittedAt))
    .limit(500);
  return rows.map(({ l, jurisdictionName }) => ({
    id: l.id,
    title: l.title,
    jurisdictionCode: l.jurisdictionCode,
    jurisdictionName,
    status: l.status,
    entryCount: l.entryCount,
    submittedAt: l.submittedAt.toISOString(),
    decidedAt: l.decidedAt?.toISOString() ?? null,
    returnReason: l.returnReason,
    policies: listPolicies(actor, l.status),
  }));
}

/** One list with its people, their scores and (once confirmed) their certificate numbers. */
export async function qualifiedListDetail(deps: Deps, actor: Actor, listId: string) {
  const [list] = await deps.db
    .select()
    .from(qualifiedLists)
    .where(inScope(actor, qualifiedListScope, eq(qualifiedLists.id, listId)));
  if (!list) throw notFound('合格名单');
  const marks = await getPassMarks(deps.db);
  const rows = await deps.db
    .select({
      a: examApplications,
      sessionName: examSessions.name,
      score: examScores,
      name: persons.name,
      masked: persons.idNumberMasked,
      otherName: registrations.otherWorkTypeName,
      enterpriseName: enterprises.name,
      certificateId: certificates.id,
      certificateNumber: certificates.number,
      expiresOn: certificates.expiresOn,
    })
    .from(qualifiedListEntries)
    .innerJoin(examApplications, eq(examApplications.id, qualifiedListEntries.applicationId))
    .innerJoin(examSessions, eq(examSessions.id, examApplications.sessionId))
    .innerJoin(persons, eq(persons.id, examApplications.personId))
    .innerJoin(registrations, eq(registrations.id, examApplications.registrationId))
    .leftJoin(enterprises, eq(enterprises.id, registrations.enterpriseId))
    .leftJoin(examScores, eq(examScores.applicationId, examApplications.id))
    .leftJoin(certificates, and(eq(certificates.applicationId, examApplications.id)))
    .where(eq(qualifiedListEntries.listId, listId))
    .orderBy(asc(examApplications.ticketNumber));
  return {
    list: {
      id: list.id,
      title: list.title,
      status: list.status,
      entryCount: list.entryCount,
      submittedAt: list.submittedAt.toISOString(),
      returnReason: list.returnReason,
      policies: listPolicies(actor, list.status),
    },
    rows: rows.map(
      ({ a, sessionName, score, name, masked, otherName, enterpriseName, certificateId, certificateNumber, expiresOn }) => {
        const result = resultOf(a.category, score, marks);
        return {
          applicationId: a.id,
          name,
          maskedIdNumber: masked,
          categoryLabel: categoryLabel(a.category, otherName),
          ticketNumber: a.ticketNumber,
          sessionName,
          enterpriseName,
          theory: result?.theory ?? null,
          practical: result?.practical ?? null,
          certificateId,
          certificateNumber,
          expiresOn,
        };
      },
    ),
  };
}
