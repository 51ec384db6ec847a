import { and, asc, count, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import { categoryLabel, isWorkType } from '../../../shared/domain/categories.js';
import {
  EXAM_APPLICATION_STATUS_LABELS,
  EXAM_KIND_LABELS,
  EXAM_SESSION_MACHINE,
  EXAM_SESSION_STATUS_LABELS,
  TICKET_PRINTED_REFUSAL,
  type ExamSessionAction,
  type ExamSessionStatus,
} from '../../../shared/domain/exam-session.js';
import type { Deps } from '../../deps.js';
import {
  examApplications,
  examScores,
  examSeats,
  examSessionCategories,
  examSessions,
  persons,
  registrations,
} from '../../db/schema/index.js';
import { verdict, type PassMarks } from '../../../shared/domain/pass-rules.js';
import { getPassMarks } from './pass-marks.js';
import type { Actor } from '../../http/actor.js';
import { notFound } from '../../http/errors.js';
import { inScope, scopeWhere } from '../../http/scope.js';
import { examApplicationScope, examSessionScope } from './exam-scope.js';
import { registrationScope } from '../registrations/registration-scope.js';
import { ALLOWED, machinePolicies, notYet, type Policies, type Policy } from '../../../shared/policies.js';
import { hoursShortfall, requiredHoursFor, SECONDS_PER_STUDY_HOUR } from '../../../shared/domain/study-rules.js';
import { getStudyRules } from '../learning/study-rules.js';
import { planSecondsOfRegistration } from '../learning/study-progress.js';

async function categoriesOf(deps: Deps, ids: string[]) {
  if (!ids.length) return new Map<string, string[]>();
  const rows = await deps.db.select().from(examSessionCategories).where(inArray(examSessionCategories.sessionId, ids));
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.sessionId, [...(map.get(r.sessionId) ?? []), r.category]);
  return map;
}

const takenSeats = sql<number>`(select count(*) from ${examSeats} s where s.session_id = ${examSessions.id} and s.application_id is not null)::int`;
/** Withdrawal requests waiting for the authority (the home page's 待处理退考申请 are these, summed). */
const withdrawalRequests = sql<number>`(select count(*) from ${examApplications} a where a.session_id = ${examSessions.id} and a.status = 'withdrawal_requested')::int`;

function view(s: typeof examSessions.$inferSelect, taken: number, categories: string[]) {
  return {
    id: s.id,
    name: s.name,
    address: s.address,
    room: s.room,
    kind: s.kind,
    kindLabel: EXAM_KIND_LABELS[s.kind],
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    capacity: s.capacity,
    taken,
    applicationsOpenAt: s.applicationsOpenAt.toISOString(),
    applicationsCloseAt: s.applicationsCloseAt.toISOString(),
    status: s.status,
    statusLabel: EXAM_SESSION_STATUS_LABELS[s.status],
    categories,
    categoryLabels: categories.map((c) => categoryLabel(c)),
  };
}

/** Scores of special operations arrive by web import once applications are closed (三类 by the exam client). */
const importsScores = (status: ExamSessionStatus, categories: string[]) =>
  (status === 'closed' || status === 'held') && categories.some(isWorkType);

/** What the authority may do with a 考场: the city that runs it, by its state; the province looks. */
function sessionPolicies(
  actor: Actor,
  status: ExamSessionStatus,
  categories: string[],
): Policies<ExamSessionAction | 'importScores'> {
  if (actor.role !== 'city') return {};
  return {
    ...machinePolicies(EXAM_SESSION_MACHINE, status, ['publish', 'close', 'hold']),
    ...(importsScores(status, categories) ? { importScores: ALLOWED } : {}),
  };
}

/** The authority's 考场 list (own jurisdiction; the province sees all). */
export async function listExamSessions(deps: Deps, actor: Actor) {
  const rows = await deps.db
    .select({ s: examSessions, taken: takenSeats, withdrawals: withdrawalRequests })
    .from(examSessions)
    .where(scopeWhere(actor, examSessionScope))
    .orderBy(desc(examSessions.startsAt))
    .limit(200);
  const cats = await categoriesOf(
    deps,
    rows.map((r) => r.s.id),
  );
  return rows.map((r) => {
    const categories = cats.get(r.s.id) ?? [];
    return {
      ...view(r.s, r.taken, categories),
      withdrawalRequests: r.withdrawals,
      policies: sessionPolicies(actor, r.s.status, categories),
    };
  });
}

/** The candidate prints the ticket of a live application, and may withdraw until it is printed. */
function myApplicationPolicies(a: typeof examApplications.$inferSelect): Policies<'printTicket' | 'withdraw'> {
  if (a.status !== 'active') return {};
  return { printTicket: ALLOWED, withdraw: a.ticketPrintedAt ? notYet(TICKET_PRINTED_REFUSAL) : ALLOWED };
}

/** 删除申请（退考） after a withdrawal request, 取消考试 otherwise; neither once the ticket is printed (SPEC §3.1 step 6). */
function applicantPolicies(actor: Actor, a: typeof examApplications.$inferSelect): Policies<'delete' | 'cancel'> {
  if (actor.role !== 'city') return {};
  const action = a.status === 'withdrawal_requested' ? 'delete' : a.status === 'active' ? 'cancel' : null;
  if (!action) return {};
  return { [action]: a.ticketPrintedAt ? notYet(TICKET_PRINTED_REFUSAL) : ALLOWED };
}

/** Published sessions a candidate may apply for now: own approved categories without a live application, own jurisdictions, window open, seats left. */
export async function availableExamSessions(deps: Deps, actor: Actor) {
  const rules = await getStudyRules(deps.db);
  let mine = await deps.db
    .select({
      category: registrations.category,
      jurisdictionCode: registrations.jurisdictionCode,
      doneSeconds: planSecondsOfRegistration(),
    })
    .from(registrations)
    .where(inScope(actor, registrationScope, eq(registrations.status, 'approved'), isNull(registrations.deletedAt)));
  // A category with a live application is taken care of until that application ends.
  const live = new Set(
    (
      await deps.db
        .select({ category: examApplications.category })
        .from(examApplications)
        .where(inScope(actor, examApplicationScope, inArray(examApplications.status, ['active', 'withdrawal_requested'])))
    ).map((a) => a.category),
  );
  // …and a category already passed needs no further sitting.
  const marks = await getPassMarks(deps.db);
  const passed = new Set(
    (
      await deps.db
        .select({ category: examApplications.category, score: examScores })
        .from(examApplications)
        .innerJoin(examScores, eq(examScores.applicationId, examApplications.id))
        .where(inScope(actor, examApplicationScope, eq(examApplications.status, 'completed')))
    )
      .filter((s) => resultOf(s.category, s.score, marks)?.passed)
      .map((s) => s.category),
  );
  mine = mine.filter((m) => !live.has(m.category) && !passed.has(m.category));
  if (!mine.length) return [];
  const now = deps.now();
  const rows = await deps.db
    .selectDistinct({ s: examSessions, taken: takenSeats })
    .from(examSessions)
    .innerJoin(examSessionCategories, eq(examSessionCategories.sessionId, examSessions.id))
    .where(
      and(
        eq(examSessions.status, 'published'),
        lte(examSessions.applicationsOpenAt, now),
        gte(examSessions.applicationsCloseAt, now),
        inArray(examSessions.jurisdictionCode, [...new Set(mine.map((m) => m.jurisdictionCode))]),
        inArray(examSessionCategories.category, [...new Set(mine.map((m) => m.category))]),
      ),
    )
    .orderBy(asc(examSessions.startsAt));
  const cats = await categoriesOf(
    deps,
    rows.map((r) => r.s.id),
  );
  return rows
    .filter((r) => r.taken < r.s.capacity)
    .flatMap((r) => {
      const categories = cats.get(r.s.id) ?? [];
      // The registrations that can sit this room: there, of one of its categories (jurisdictions and
      // categories were matched apart above, so a room may have none and is then not offered).
      const candidates = mine.filter((m) => m.jurisdictionCode === r.s.jurisdictionCode && categories.includes(m.category));
      if (!candidates.length) return [];
      // As agt_apply_for_exam chooses (migration 0017): one that reached the hours, else the one with the most.
      const ready = candidates.some((m) => m.doneSeconds >= requiredHoursFor(rules, m.category) * SECONDS_PER_STUDY_HOUR);
      const closest = [...candidates].sort((a, b) => b.doneSeconds - a.doneSeconds)[0]!;
      const apply: Policy = ready
        ? ALLOWED
        : notYet(hoursShortfall(closest.doneSeconds, requiredHoursFor(rules, closest.category)));
      return [{ ...view(r.s, r.taken, categories), policies: { apply } satisfies Policies<'apply'> }];
    });
}

type ScoreRow = typeof examScores.$inferSelect | null;

/** 成绩查询: scores in points (stored in tenths) and the verdict under the pass marks. */
export function resultOf(category: string, score: ScoreRow, marks: PassMarks) {
  if (!score) return null;
  const sheet = {
    theory: score.theoryScore === null ? null : score.theoryScore / 10,
    theoryAbsent: score.theoryAbsent,
    practical: score.practicalScore === null ? null : score.practicalScore / 10,
    practicalAbsent: score.practicalAbsent,
  };
  return { ...sheet, ...verdict(category, sheet, marks) };
}

/** The candidate's applications with results (成绩查询), newest first. */
export async function myApplications(deps: Deps, actor: Actor) {
  const marks = await getPassMarks(deps.db);
  const rows = await deps.db
    .select({ a: examApplications, s: examSessions, score: examScores })
    .from(examApplications)
    .innerJoin(examSessions, eq(examSessions.id, examApplications.sessionId))
    .leftJoin(examScores, eq(examScores.applicationId, examApplications.id))
    .where(scopeWhere(actor, examApplicationScope))
    .orderBy(desc(examApplications.createdAt));
  return rows.map(({ a, s, score }) => ({
    id: a.id,
    status: a.status,
    result: resultOf(a.category, score, marks),
    statusLabel: EXAM_APPLICATION_STATUS_LABELS[a.status],
    category: a.category,
    categoryLabel: categoryLabel(a.category),
    seatNumber: a.seatNumber,
    ticketNumber: a.ticketNumber,
    ticketPrintedAt: a.ticketPrintedAt?.toISOString() ?? null,
    endedReason: a.endedReason,
    session: view(s, 0, []),
    policies: myApplicationPolicies(a),
  }));
}

/** 考场 applicants with ticket status (the sign-in sheet). */
export async function sessionApplicants(deps: Deps, actor: Actor, sessionId: string) {
  const marks = await getPassMarks(deps.db);
  const [session] = await deps.db
    .select()
    .from(examSessions)
    .where(inScope(actor, examSessionScope, eq(examSessions.id, sessionId)));
  if (!session) throw notFound('考场');
  const rows = await deps.db
    .select({ a: examApplications, name: persons.name, masked: persons.idNumberMasked, score: examScores })
    .from(examApplications)
    .innerJoin(persons, eq(persons.id, examApplications.personId))
    .leftJoin(examScores, eq(examScores.applicationId, examApplications.id))
    .where(eq(examApplications.sessionId, sessionId))
    .orderBy(asc(examApplications.seatNumber), asc(examApplications.createdAt));
  const [{ live }] = await deps.db
    .select({ live: count() })
    .from(examApplications)
    .where(and(eq(examApplications.sessionId, sessionId), inArray(examApplications.status, ['active', 'withdrawal_requested'])));
  const cats = await categoriesOf(deps, [sessionId]);
  return {
    session: {
      ...view(session, live, cats.get(sessionId) ?? []),
      policies: sessionPolicies(actor, session.status, cats.get(sessionId) ?? []),
    },
    rows: rows.map(({ a, name, masked, score }) => ({
      id: a.id,
      name,
      result: resultOf(a.category, score, marks),
      maskedIdNumber: masked,
      category: a.category,
      categoryLabel: categoryLabel(a.category),
      seatNumber: a.seatNumber,
      ticketNumber: a.ticketNumber,
      status: a.status,
      statusLabel: EXAM_APPLICATION_STATUS_LABELS[a.status],
      ticketPrintedAt: a.ticketPrintedAt?.toISOString() ?? null,
      endedReason: a.endedReason,
      policies: applicantPolicies(actor, a),
    })),
  };
}
