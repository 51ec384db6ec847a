import { sql } from 'drizzle-orm';
import { SAFETY_CATEGORIES } from '../../../shared/domain/categories.js';
import { hoursShortfall, SECONDS_PER_STUDY_HOUR } from '../../../shared/domain/study-rules.js';
import type { Deps } from '../../deps.js';
import { functionResult } from '../../db/client.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { AppError, notFound } from '../../http/errors.js';
import { getStudyRules } from '../learning/study-rules.js';
import { getPassMarks } from './pass-marks.js';

const FULL = '该考场座位已满，请选择其他考场';

type Outcome =
  | { outcome: 'not_found' | 'closed' | 'not_open' | 'past' | 'full' | 'no_registration' | 'passed' | 'duplicate' }
  | { outcome: 'hours'; doneSeconds: number; requiredHours: number }
  | { outcome: 'applied'; id: string; seatNumber: number; ticketNumber: string };

/**
 * 申请考场: an approved candidate who reached the hours takes a seat. One round
 * trip: the database function agt_apply_for_exam (migration 0014) checks the
 * room, its window and a free seat (a full room answers before any write), the
 * registration, an earlier pass and the hours, then inserts the one live
 * application per registration and takes a free seat row with FOR UPDATE SKIP
 * LOCKED, with its audit event, in the call's transaction — so however many
 * processes race, a room never holds more than its capacity.
 */
export async function applyForExam(
  deps: Deps,
  ctx: RequestContext,
  sessionId: string,
): Promise<{ id: string; seatNumber: number; ticketNumber: string }> {
  const actor = requireActor(ctx);
  const [rules, marks] = await Promise.all([getStudyRules(deps.db), getPassMarks(deps.db)]);
  const result = await deps.db.execute(sql`SELECT agt_apply_for_exam(
    ${sessionId}::uuid, ${actor.personId ?? '00000000-0000-0000-0000-000000000000'}::uuid, ${deps.now().toISOString()}::timestamptz,
    ${JSON.stringify(rules.requiredHours)}::jsonb, ${rules.defaultRequiredHours}::float8, ${SECONDS_PER_STUDY_HOUR}::int,
    ${sql.param(Object.keys(SAFETY_CATEGORIES))}::text[], ${marks.safety}::float8, ${marks.theory}::float8, ${marks.practical}::float8,
    ${actor.accountId}::uuid, ${actor.role}, ${actor.username ?? actor.displayName}, ${ctx.ip}) AS r`);
  const r = functionResult<Outcome>(result);
  switch (r.outcome) {
    case 'applied':
      return { id: r.id, seatNumber: r.seatNumber, ticketNumber: r.ticketNumber };
    case 'not_found':
      throw notFound('考场');
    case 'closed':
      throw new AppError('INVALID_STATE', '该考场已截止申请');
    case 'not_open':
      throw new AppError('INVALID_STATE', '该考场尚未开始接受申请');
    case 'past':
      throw new AppError('INVALID_STATE', '该考场申请时间已截止');
    case 'full':
      throw new AppError('CONFLICT', FULL);
    case 'no_registration':
      throw new AppError('FORBIDDEN', '您在该地区没有本考场适用类别的已审核报名');
    case 'passed':
      throw new AppError('INVALID_STATE', '您已通过该类别的考试，无需再次申请考场');
    case 'duplicate':
      throw new AppError('CONFLICT', '您已申请了该类别的考场，不能重复申请；如需更换请先退考');
    case 'hours':
      throw new AppError('FORBIDDEN', hoursShortfall(r.doneSeconds, r.requiredHours));
  }
}
