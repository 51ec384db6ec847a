import { sql } from 'drizzle-orm';
import type { InvalidReason } from '../../../shared/domain/study-rules.js';
import type { Deps } from '../../deps.js';
import { functionResult } from '../../db/client.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { AppError, notFound } from '../../http/errors.js';
import { getStudyRules } from './study-rules.js';
import { beijingDayStart } from './study-totals.js';

export type HeartbeatInput = { position: number; playing: boolean; visible: boolean };

type Outcome =
  | { outcome: 'not_found' }
  | { outcome: 'ended'; endReason: string | null }
  | { outcome: 'changed' }
  | {
      outcome: 'ok';
      credited: number;
      refused: { seconds: number; reason: InvalidReason }[];
      positionRefused: boolean;
      furthestSeconds: number;
      lessonCreditedSeconds: number;
      todayCreditedSeconds: number;
      capture: { id: string; dueAtMs: number; windowEndsAtMs: number } | null;
    };

/**
 * A heartbeat from the study page (~ every 30 s). The server clock decides how
 * much time passed; the accrual rules decide how much of it counts; every
 * second, credited or refused, lands in the ledger with its reason.
 *
 * Hot path: one round trip. The database function agt_heartbeat (migration
 * 0014) reads the session, totals and snapshot requests, accrues by the rules of
 * accrual.ts (held to them by a test) and writes only if no other heartbeat of
 * this session got there first and the session is still the active one — no
 * lock held.
 */
export async function heartbeat(deps: Deps, ctx: RequestContext, sessionId: string, input: HeartbeatInput) {
  const actor = requireActor(ctx);
  const rules = await getStudyRules(deps.db);
  const now = deps.now();
  const result = await deps.db.execute(sql`SELECT agt_heartbeat(
    ${sessionId}::uuid, ${actor.personId ?? '00000000-0000-0000-0000-000000000000'}::uuid, ${now.toISOString()}::timestamptz,
    ${beijingDayStart(now).toISOString()}::timestamptz, ${input.position}::float8, ${input.playing}::boolean, ${input.visible}::boolean,
    ${rules.heartbeatCapSeconds}::int, ${rules.positionToleranceSeconds}::int, ${Math.floor(rules.dailyCapHours * 45 * 60)}::int,
    ${rules.captureWindowSeconds}::int) AS r`);
  const r = functionResult<Outcome>(result);
  if (r.outcome === 'not_found') throw notFound('学习记录');
  if (r.outcome === 'ended') {
    throw new AppError(
      'INVALID_STATE',
      r.endReason === 'taken_over' ? '您已在其他设备上开始学习，本页面已停止计时' : '本次学习已结束，请重新进入课程',
    );
  }
  if (r.outcome === 'changed') {
    throw new AppError('INVALID_STATE', '学习状态已变化（可能在其他设备继续学习或重复提交），请刷新页面');
  }
  return {
    credited: r.credited,
    refused: r.refused,
    positionRefused: r.positionRefused,
    furthestSeconds: r.furthestSeconds,
    lessonCreditedSeconds: r.lessonCreditedSeconds,
    todayCreditedSeconds: r.todayCreditedSeconds,
    capture: r.capture
      ? {
          id: r.capture.id,
          dueAt: new Date(r.capture.dueAtMs).toISOString(),
          windowEndsAt: new Date(r.capture.windowEndsAtMs).toISOString(),
        }
      : null,
  };
}
