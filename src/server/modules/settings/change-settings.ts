import { asc } from 'drizzle-orm';
import { CATEGORY_CODES, type CategoryCode } from '../../../shared/domain/categories.js';
import type { PassMarks } from '../../../shared/domain/pass-rules.js';
import type { z } from 'zod';
import type { SecurityPolicy, securityPolicyChangeSchema } from '../../../shared/domain/security-policy.js';
import type { StudyRules } from '../../../shared/domain/study-rules.js';
import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/client.js';
import { jurisdictions } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import type { AuditAction } from '../audit/audit-actions.js';
import { recordAudit } from '../audit/record-audit.js';
import { getPassMarks, savePassMarks } from '../exams/pass-marks.js';
import { getStudyRules, saveStudyRules } from '../learning/study-rules.js';
import { getProvinceSettings } from './province-settings.js';
import { getSecurityPolicy, saveSecurityPolicy } from './security-policy.js';

/**
 * Every settings change has one shape: read the current value, work out the new
 * one, save it, and audit before and after — in one transaction, so a change is
 * never saved unaudited. The caches of every process follow by notice.
 */
async function changeSetting<T>(
  deps: Deps,
  ctx: RequestContext,
  spec: {
    get: (exec: Executor) => Promise<T>;
    save: (exec: Executor, value: T, by: string) => Promise<void>;
    next: (before: T) => T;
    action: AuditAction;
    targetId: string;
    /** What the audit keeps (default: before and after). */
    detail?: (before: T, after: T) => Record<string, unknown>;
  },
): Promise<T> {
  const actor = requireActor(ctx);
  return deps.db.transaction(async (tx) => {
    const before = await spec.get(tx);
    const after = spec.next(before);
    await spec.save(tx, after, actor.accountId);
    await recordAudit(tx, ctx, {
      action: spec.action,
      outcome: 'success',
      targetType: 'settings',
      targetId: spec.targetId,
      detail: spec.detail ? spec.detail(before, after) : { before, after },
    });
    return after;
  });
}

/** The province's name with its jurisdictions in official order: the login page shows them before anyone signs in. */
export async function describeProvince(deps: Deps) {
  const province = await getProvinceSettings(deps.db);
  return { ...province, jurisdictions: await deps.db.select().from(jurisdictions).orderBy(asc(jurisdictions.sortOrder)) };
}

/** 学时设置 as the screen shows it: every category with its required hours (the default where none is set). */
export async function studyRulesView(deps: Deps) {
  const rules = await getStudyRules(deps.db);
  return {
    requiredHours: Object.fromEntries(CATEGORY_CODES.map((c) => [c, rules.requiredHours[c] ?? rules.defaultRequiredHours])),
    dailyCapHours: rules.dailyCapHours,
    continuingHours: rules.continuingHours,
  };
}

export type StudyRulesChange = {
  requiredHours: Partial<Record<CategoryCode, number>>;
  dailyCapHours: number;
  continuingHours?: number;
};

export async function changeStudyRules(deps: Deps, ctx: RequestContext, change: StudyRulesChange): Promise<void> {
  await changeSetting<StudyRules>(deps, ctx, {
    get: getStudyRules,
    save: saveStudyRules,
    action: 'settings.study_rules_changed',
    targetId: 'study_rules',
    next: (before) => ({
      ...before,
      requiredHours: { ...before.requiredHours, ...change.requiredHours },
      dailyCapHours: change.dailyCapHours,
      continuingHours: change.continuingHours ?? before.continuingHours,
    }),
    detail: (_before, after) => ({
      requiredHours: change.requiredHours,
      dailyCapHours: change.dailyCapHours,
      continuingHours: after.continuingHours,
    }),
  });
}

export async function changePassMarks(deps: Deps, ctx: RequestContext, marks: PassMarks): Promise<PassMarks> {
  await changeSetting<PassMarks>(deps, ctx, {
    get: getPassMarks,
    save: savePassMarks,
    action: 'settings.pass_marks_changed',
    targetId: 'pass_marks',
    next: () => marks,
  });
  return getPassMarks(deps.db);
}

export async function changeSecurityPolicy(
  deps: Deps,
  ctx: RequestContext,
  change: z.infer<typeof securityPolicyChangeSchema>,
): Promise<SecurityPolicy> {
  await changeSetting<SecurityPolicy>(deps, ctx, {
    get: getSecurityPolicy,
    save: saveSecurityPolicy,
    action: 'settings.security_policy_changed',
    targetId: 'security_policy',
    next: (before) => ({ ...change, twoFactorRoles: [...new Set(change.twoFactorRoles ?? before.twoFactorRoles)] }),
  });
  return getSecurityPolicy(deps.db);
}
