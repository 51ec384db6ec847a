import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { categoryLabel } from '../../../shared/domain/categories.js';
import { requiredHoursFor, SECONDS_PER_STUDY_HOUR } from '../../../shared/domain/study-rules.js';
import type { Deps } from '../../deps.js';
import { certificates, examApplications, examScores, examSessions, registrations } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { inScope, scopeWhere } from '../../http/scope.js';
import { registrationScope } from '../registrations/registration-scope.js';
import { certificateScope } from '../certificates/certificate-scope.js';
import { resultOf } from '../exams/list-exams.js';
import { getPassMarks } from '../exams/pass-marks.js';
import { planSecondsOfRegistration } from '../learning/study-progress.js';
import { getStudyRules } from '../learning/study-rules.js';

/** The candidate's flow of the operation manual (学员使用流程图), one step each. */
export const CANDIDATE_STEPS = [
  '在线报名',
  '主管部门审核',
  '学习、抓拍',
  '申请考场',
  '打印准考证',
  '参加考试',
  '取得证书',
] as const;

export type Journey = {
  steps: readonly string[];
  /** Index into steps of where the candidate stands. */
  current: number;
  /** The registration the journey follows (the newest still under way, else the newest certified). */
  categoryLabel: string | null;
  /** What the step means today, in a sentence. */
  status: string;
  /** The one thing to do next, when there is one. */
  next: { label: string; link: string } | null;
};

const hoursOf = (seconds: number) => Math.floor((seconds / SECONDS_PER_STUDY_HOUR) * 10) / 10;

/**
 * Where the candidate stands in 报名 → 审核 → 学习 → 申请考场 → 准考证 → 考试 → 证书,
 * from the rows the other screens show (registration state, the ledger's hours,
 * applications and scores, certificates visible to this account).
 */
export async function candidateJourney(deps: Deps, actor: Actor): Promise<Journey> {
  const regs = await deps.db
    .select({ r: registrations, seconds: planSecondsOfRegistration() })
    .from(registrations)
    .where(inScope(actor, registrationScope, isNull(registrations.deletedAt)))
    .orderBy(desc(registrations.createdAt));
  if (!regs.length)
    return {
      steps: CANDIDATE_STEPS,
      current: 0,
      categoryLabel: null,
      status: '尚未报名',
      next: { label: '在线报名', link: '/registrations/new' },
    };
  const certified = new Set(
    (await deps.db.select({ category: certificates.category }).from(certificates).where(scopeWhere(actor, certificateScope))).map(
      (c) => c.category,
    ),
  );
  const followed = regs.find(({ r }) => !certified.has(r.category)) ?? regs[0]!;
  const r = followed.r;
  const label = categoryLabel(r.category, r.otherWorkTypeName);
  const at = (current: number, status: string, next: Journey['next'] = null): Journey => ({
    steps: CANDIDATE_STEPS,
    current,
    categoryLabel: label,
    status,
    next,
  });
  if (certified.has(r.category)) return at(6, '已取得证书', { label: '查看我的证书', link: '/my-certificates' });
  switch (r.status) {
    case 'draft':
      return at(0, '报名尚未提交', { label: '继续填写并提交', link: `/registrations/${r.id}/edit` });
    case 'returned':
      return at(0, `报名被退回：${r.returnReason ?? ''}`, { label: '修改后重新提交', link: `/registrations/${r.id}/edit` });
    case 'awaiting_employer':
      return at(1, '等待工作单位确认劳动关系和年度安全培训');
    case 'awaiting_authority':
      return at(1, '等待主管部门审核');
    case 'approved':
      break;
  }
  const applications = await deps.db
    .select({ a: examApplications, score: examScores, startsAt: examSessions.startsAt })
    .from(examApplications)
    .innerJoin(examSessions, eq(examSessions.id, examApplications.sessionId))
    .leftJoin(examScores, eq(examScores.applicationId, examApplications.id))
    .where(
      and(
        eq(examApplications.registrationId, r.id),
        inArray(examApplications.status, ['active', 'withdrawal_requested', 'completed']),
      ),
    )
    .orderBy(desc(examApplications.createdAt));
  const live = applications.find(({ a }) => a.status !== 'completed');
  if (live) {
    return live.a.ticketPrintedAt
      ? at(5, '准考证已打印，请按时参加考试', { label: '查看考试安排', link: '/exams' })
      : at(4, '已申请考场，请打印准考证', { label: '打印准考证', link: '/exams' });
  }
  const marks = await getPassMarks(deps.db);
  const latest = applications[0];
  const result = latest ? resultOf(r.category, latest.score, marks) : null;
  if (latest && !result) return at(5, '已参加考试，等待成绩', { label: '查看考试', link: '/exams' });
  if (result?.passed) return at(5, '考试合格，等待主管部门上报和省厅发证');
  const required = requiredHoursFor(await getStudyRules(deps.db), r.category);
  if (followed.seconds < required * SECONDS_PER_STUDY_HOUR) {
    return at(2, `已完成 ${hoursOf(followed.seconds)} 学时，需 ${required} 学时`, { label: '继续学习', link: '/study' });
  }
  return at(3, result ? `上次考试${result.label}，可申请补考` : '学时已达到要求，可申请考场', {
    label: '申请考场',
    link: '/exams',
  });
}
