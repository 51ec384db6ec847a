import { eq, sql } from 'drizzle-orm';
import { isSafetyCategory, type CategoryCode, type Education, type Title } from '../../../shared/domain/categories.js';
import { ageOn, checkEligibility } from '../../../shared/domain/eligibility.js';
import type { Deps } from '../../deps.js';
import { persons, registrations } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { notifyEnterprise } from '../notifications/notify.js';
import { loadRegistrationForUpdate, touch } from './load-registration.js';
import { assertTransition } from './registration-state.js';

/** Beijing calendar date: ages and the 3-month medical window count in local days. */
export function todayInChina(now: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(now);
}

/**
 * 提交报名: the eligibility rules run again on the server (authoritative) at
 * the submission date. 三类人员 go to the employer for confirmation first;
 * special-operations candidates go straight to the authority.
 */
export async function submitRegistration(deps: Deps, ctx: RequestContext, id: string): Promise<{ status: string }> {
  const actor = requireActor(ctx);
  return deps.db.transaction(async (tx) => {
    const r = await loadRegistrationForUpdate(tx, actor, id);
    assertTransition(r.status, 'submit');
    const [person] = await tx.select().from(persons).where(eq(persons.id, r.personId));
    const problems = checkEligibility(
      {
        category: r.category as CategoryCode,
        age: ageOn(person.birthDate, deps.now().toISOString().slice(0, 10)),
        education: r.education as Education | null,
        title: r.title as Title | null,
        experienceYears: r.experienceYears,
        qualificationNumber: r.qualificationNumber,
        medicalExamDate: r.medicalExamDate,
        otherWorkTypeName: r.otherWorkTypeName,
        enterpriseId: r.enterpriseId,
        photoFileId: r.photoFileId,
        diplomaFileId: r.diplomaFileId,
        qualificationFileId: r.qualificationFileId,
        medicalFileId: r.medicalFileId,
      },
      todayInChina(deps.now()),
    );
    if (problems.length > 0) {
      throw new AppError(
        'VALIDATION',
        problems[0].message,
        problems[0].field,
        problems.map((p) => ({ field: p.field, message: p.message })),
      );
    }
    const needsEmployer = isSafetyCategory(r.category);
    const status = needsEmployer ? 'awaiting_employer' : 'awaiting_authority';
    await tx
      .update(registrations)
      .set({
        status,
        submittedAt: sql`now()`,
        returnReason: null,
        returnedByRole: null,
        returnedAt: null,
        labourRelationConfirmed: false,
        annualTrainingConfirmed: false,
        employerConfirmedAt: null,
        employerConfirmedBy: null,
        ...touch,
      })
      .where(eq(registrations.id, id));
    await recordAudit(tx, ctx, {
      action: 'registration.submitted',
      outcome: 'success',
      targetType: 'registration',
      targetId: id,
      jurisdictionCode: r.jurisdictionCode,
      detail: { status },
    });
    if (needsEmployer && r.enterpriseId) {
      await notifyEnterprise(tx, r.enterpriseId, {
        title: '有新的报名待确认',
        body: `${person.name} 报考 ${r.category} 类，请确认劳动关系和年度安全生产教育培训情况。`,
        link: '/employer/registrations',
      });
    }
    return { status };
  });
}
