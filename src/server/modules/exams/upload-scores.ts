import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { isSafetyCategory } from '../../../shared/domain/categories.js';
import { parseIdNumber } from '../../../shared/domain/id-number.js';
import type { Deps } from '../../deps.js';
import { examApplications, examClientRequests, examScores, examSessions, persons } from '../../db/schema/index.js';
import { AppError } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { authenticateExamClient, type SignedRequest } from './exam-client-auth.js';
import { onLiveQualifiedList, SCORE_LOCKED } from './score-lock.js';

const bodySchema = z.object({
  rows: z
    .array(
      z.object({
        ticketNumber: z.string().max(32),
        idNumber: z.string().max(18),
        score: z.number().nullable().optional(),
        absent: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(5000),
});
export type ScoreRow = z.infer<typeof bodySchema>['rows'][number];

/** The body, read only after the signature was checked (strangers learn nothing about the format). */
function readRows(body: Buffer): ScoreRow[] {
  let json: unknown = null;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    /* answered below */
  }
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success)
    throw new AppError('VALIDATION', '请求内容应为 {"rows":[{"ticketNumber","idNumber","score" 或 "absent"}]}，每次1至5000行');
  return parsed.data.rows;
}
export type RowResult = { row: number; ticketNumber: string; ok: boolean; message: string };

/**
 * 考试管理端上传 (三类人员): signed, idempotent, one answer per row. Only tickets of
 * the client's own jurisdiction exist for it; a corrected upload replaces the
 * score, and the change is audited.
 */
export async function uploadScores(deps: Deps, req: SignedRequest): Promise<{ results: RowResult[]; replayed: boolean }> {
  const { client, idempotencyKey, bodySha256 } = await authenticateExamClient(deps, req);
  const rows = readRows(req.body);
  // The exam room's real address, as for any caller (TRUST_PROXY decides how it is read).
  const ctx = { ip: req.ip, actor: null };
  return deps.db.transaction(async (tx) => {
    const [seen] = await tx
      .select()
      .from(examClientRequests)
      .where(and(eq(examClientRequests.examClientId, client.id), eq(examClientRequests.idempotencyKey, idempotencyKey)))
      .for('update');
    if (seen) {
      if (seen.bodySha256 !== bodySha256) throw new AppError('CONFLICT', '同一个 Idempotency-Key 不能用于不同的内容');
      return { results: seen.response as RowResult[], replayed: true };
    }
    const results: RowResult[] = [];
    for (const [i, row] of rows.entries()) {
      const say = (ok: boolean, message: string) => results.push({ row: i + 1, ticketNumber: row.ticketNumber, ok, message });
      const [found] = await tx
        .select({ a: examApplications, s: examSessions, idHash: persons.idNumberHash, locked: onLiveQualifiedList })
        .from(examApplications)
        .innerJoin(examSessions, eq(examSessions.id, examApplications.sessionId))
        .innerJoin(persons, eq(persons.id, examApplications.personId))
        .where(
          and(
            eq(examApplications.ticketNumber, row.ticketNumber ?? ''),
            eq(examApplications.jurisdictionCode, client.jurisdictionCode),
          ),
        )
        // Locked like a list submission locks it, so a list cannot take a result that is changing underneath.
        .for('update', { of: examApplications });
      if (!found) {
        say(false, '准考证号不存在');
        continue;
      }
      const id = parseIdNumber(row.idNumber ?? '');
      if (!id.ok || deps.crypto.lookupHash('id', id.value.idNumber) !== found.idHash) {
        say(false, '身份证号与准考证不符');
        continue;
      }
      if (!isSafetyCategory(found.a.category)) {
        say(false, '特种作业人员成绩请在系统中网页导入');
        continue;
      }
      if (found.a.status !== 'active' && found.a.status !== 'completed') {
        say(false, '该考试申请已退考或被取消');
        continue;
      }
      if (found.s.status !== 'closed' && found.s.status !== 'held') {
        say(false, '考场尚未截止申请，不能上传成绩');
        continue;
      }
      const absent = row.absent === true;
      const score = row.score;
      if (
        !absent &&
        (typeof score !== 'number' ||
          !Number.isFinite(score) ||
          score < 0 ||
          score > 100 ||
          Math.round(score * 10) !== score * 10)
      ) {
        say(false, '成绩应为0至100之间、最多一位小数的数字，或标记缺考');
        continue;
      }
      const tenths = absent ? null : Math.round(score! * 10);
      const [before] = await tx.select().from(examScores).where(eq(examScores.applicationId, found.a.id));
      const unchanged = before && before.theoryScore === tenths && before.theoryAbsent === absent;
      if (found.locked && !unchanged) {
        say(false, SCORE_LOCKED);
        continue;
      }
      await tx
        .insert(examScores)
        .values({ applicationId: found.a.id, theoryScore: tenths, theoryAbsent: absent, source: 'exam_client' })
        .onConflictDoUpdate({
          target: examScores.applicationId,
          set: { theoryScore: tenths, theoryAbsent: absent, source: 'exam_client', updatedAt: new Date() },
        });
      // One paper: the result is final, and a fail frees the person to apply for a later session.
      await tx.update(examApplications).set({ status: 'completed' }).where(eq(examApplications.id, found.a.id));
      if (!before || before.theoryScore !== tenths || before.theoryAbsent !== absent) {
        await recordAudit(tx, ctx, {
          action: before ? 'exam_score.corrected' : 'exam_score.uploaded',
          outcome: 'success',
          targetType: 'exam_application',
          targetId: found.a.id,
          jurisdictionCode: client.jurisdictionCode,
          detail: {
            examClient: client.keyId,
            before: before ? { score: before.theoryScore, absent: before.theoryAbsent } : null,
            score: tenths,
            absent,
          },
        });
      }
      say(true, absent ? '已记录缺考' : `已记录成绩 ${score}`);
    }
    await tx.insert(examClientRequests).values({ examClientId: client.id, idempotencyKey, bodySha256, response: results });
    return { results, replayed: false };
  });
}
