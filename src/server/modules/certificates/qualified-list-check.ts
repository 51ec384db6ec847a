import { eq } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/client.js';
import { enterprises, examApplications, persons, qualifiedListEntries, registrations } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { checkWithPlatform, CHECK_STATUS_LABELS, platformClientOf, type CheckSubject } from '../national/national-check.js';
import { loadListForUpdate } from './certificate-scope.js';

/** The people a list would certify, as the national duplicate check needs them (new issues, operateType 01). */
export async function listCheckSubjects(deps: Deps, exec: Executor, listId: string): Promise<CheckSubject[]> {
  const rows = await exec
    .select({
      applicationId: examApplications.id,
      name: persons.name,
      idNumberEnc: persons.idNumberEnc,
      category: examApplications.category,
      otherWorkTypeName: registrations.otherWorkTypeName,
      job: registrations.job,
      creditCode: enterprises.creditCode,
    })
    .from(qualifiedListEntries)
    .innerJoin(examApplications, eq(examApplications.id, qualifiedListEntries.applicationId))
    .innerJoin(registrations, eq(registrations.id, examApplications.registrationId))
    .innerJoin(persons, eq(persons.id, examApplications.personId))
    .leftJoin(enterprises, eq(enterprises.id, registrations.enterpriseId))
    .where(eq(qualifiedListEntries.listId, listId));
  return rows.map((r) => ({
    key: r.applicationId,
    name: r.name,
    idNumber: deps.crypto.decrypt(r.idNumberEnc),
    category: r.category,
    otherWorkTypeName: r.otherWorkTypeName,
    creditCode: r.creditCode,
    job: r.job,
    certNum: '',
    operateType: '01' as const,
  }));
}

/** 全国平台查重 of a submitted list, person by person, for the province to see before it confirms. */
export async function checkQualifiedList(deps: Deps, actor: Actor, listId: string) {
  const client = platformClientOf(deps);
  const subjects = await deps.db.transaction(async (tx) => {
    await loadListForUpdate(tx, actor, listId);
    return listCheckSubjects(deps, tx, listId);
  });
  if (!client) return { connected: false, results: [] };
  if (!subjects.length) throw new AppError('INVALID_STATE', '该名单没有人员');
  const results = await checkWithPlatform(deps, client, subjects);
  return {
    connected: true,
    results: results.map((r) => ({ ...r, statusLabel: CHECK_STATUS_LABELS[r.status] })),
  };
}
