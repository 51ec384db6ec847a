import { eq } from 'drizzle-orm';
import { CATEGORY_CODES, type CategoryCode } from '../../../shared/domain/categories.js';
import type { Deps } from '../../deps.js';
import { examSessionCategories, examSessions } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { AppError, invalid } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { assertSessionTransition } from './exam-session-state.js';
import { loadSessionForUpdate } from './exam-scope.js';

export type ExamSessionInput = {
  name: string;
  address: string;
  room: string;
  kind: 'theory' | 'practical';
  startsAt: string;
  endsAt: string;
  capacity: number;
  applicationsOpenAt: string;
  applicationsCloseAt: string;
  categories: CategoryCode[];
};

function text(field: string, label: string, value: string, min = 2, max = 100): string {
  const v = value.trim();
  if (v.length < min || v.length > max) throw new AppError('VALIDATION', `${label}：应为${min}至${max}个字符`, field);
  return v;
}

/** 填写考场信息及工种: a draft the authority may change until it is published. */
export async function saveExamSession(
  deps: Deps,
  ctx: RequestContext,
  id: string | null,
  input: ExamSessionInput,
): Promise<{ id: string }> {
  const actor = requireActor(ctx);
  const name = text('name', '考场名称', input.name);
  const address = text('address', '考试地址', input.address, 4, 200);
  const room = text('room', '考室', input.room, 1, 50);
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const openAt = new Date(input.applicationsOpenAt);
  const closeAt = new Date(input.applicationsCloseAt);
  if (startsAt <= deps.now()) throw invalid('startsAt', '考试开始时间须晚于当前时间');
  if (endsAt <= startsAt) throw invalid('endsAt', '结束时间须晚于开始时间');
  if (closeAt <= openAt) throw invalid('applicationsCloseAt', '申请截止时间须晚于申请开始时间');
  if (closeAt > startsAt) throw invalid('applicationsCloseAt', '申请须在考试开始前截止');
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 1000)
    throw invalid('capacity', '应为1至1000之间的整数');
  const categories = [...new Set(input.categories)].filter((c) => CATEGORY_CODES.includes(c));
  if (categories.length === 0) throw invalid('categories', '请选择考场适用的类别或工种');
  const values = {
    name,
    address,
    room,
    kind: input.kind,
    startsAt,
    endsAt,
    capacity: input.capacity,
    applicationsOpenAt: openAt,
    applicationsCloseAt: closeAt,
  };
  return deps.db.transaction(async (tx) => {
    let sessionId: string;
    if (id) {
      const current = await loadSessionForUpdate(tx, actor, id);
      assertSessionTransition(current.status, 'edit');
      await tx.update(examSessions).set(values).where(eq(examSessions.id, id));
      await tx.delete(examSessionCategories).where(eq(examSessionCategories.sessionId, id));
      sessionId = id;
    } else {
      const [row] = await tx
        .insert(examSessions)
        .values({ ...values, jurisdictionCode: actor.jurisdictionCode!, createdBy: actor.accountId })
        .returning({ id: examSessions.id });
      sessionId = row.id;
    }
    await tx.insert(examSessionCategories).values(categories.map((category) => ({ sessionId, category })));
    await recordAudit(tx, ctx, {
      action: 'exam_session.saved',
      outcome: 'success',
      targetType: 'exam_session',
      targetId: sessionId,
      detail: { name, categories },
    });
    return { id: sessionId };
  });
}
