import ExcelJS from 'exceljs';
import { verdict } from '../../../shared/domain/pass-rules.js';
import { getPassMarks } from './pass-marks.js';
import { and, eq, inArray } from 'drizzle-orm';
import { categoryLabel, isWorkType } from '../../../shared/domain/categories.js';
import type { Deps } from '../../deps.js';
import { examApplications, examScores, examSessions, persons } from '../../db/schema/index.js';
import { onLiveQualifiedList, SCORE_LOCKED } from './score-lock.js';
import { requireActor, type Actor, type RequestContext } from '../../http/actor.js';
import { AppError, notFound } from '../../http/errors.js';
import { readWorkbookRows } from '../../workbook/read-workbook.js';
import { inScope } from '../../http/scope.js';
import { recordAudit } from '../audit/record-audit.js';
import { examSessionScope } from './exam-scope.js';

const HEADERS = ['准考证号', '姓名', '身份证号', '工种', '理论成绩', '实操成绩'];
/** A session seats hundreds, not tens of thousands: a file with more rows is not this session's scores. */
const MAX_SCORE_ROWS = 10_000;
/** 10,000 rows of the template are about 4 MB of XML. */
const MAX_UNCOMPRESSED_BYTES = 40 * 1024 * 1024;
const ABSENT = '缺考';

async function loadSession(deps: Deps, actor: Actor, sessionId: string) {
  const [session] = await deps.db
    .select()
    .from(examSessions)
    .where(inScope(actor, examSessionScope, eq(examSessions.id, sessionId)));
  if (!session) throw notFound('考场');
  return session;
}

async function liveApplicants(deps: Deps, sessionId: string) {
  return deps.db
    .select({
      a: examApplications,
      name: persons.name,
      masked: persons.idNumberMasked,
      score: examScores,
      locked: onLiveQualifiedList,
    })
    .from(examApplications)
    .innerJoin(persons, eq(persons.id, examApplications.personId))
    .leftJoin(examScores, eq(examScores.applicationId, examApplications.id))
    .where(and(eq(examApplications.sessionId, sessionId), inArray(examApplications.status, ['active', 'completed'])))
    .orderBy(examApplications.seatNumber);
}

/** 网页导入 template: the session's special-operations candidates, scores to fill in (or 缺考). */
export async function scoreTemplate(deps: Deps, actor: Actor, sessionId: string): Promise<{ name: string; buffer: Buffer }> {
  const session = await loadSession(deps, actor, sessionId);
  const rows = (await liveApplicants(deps, sessionId)).filter((r) => isWorkType(r.a.category));
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('成绩', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = HEADERS.map((header, i) => ({ header, width: [20, 12, 22, 30, 10, 10][i] }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) {
    const s = r.score;
    sheet.addRow([
      r.a.ticketNumber,
      r.name,
      r.masked,
      categoryLabel(r.a.category),
      s ? (s.theoryAbsent ? ABSENT : s.theoryScore === null ? null : s.theoryScore / 10) : null,
      s ? (s.practicalAbsent ? ABSENT : s.practicalScore === null ? null : s.practicalScore / 10) : null,
    ]);
  }
  return { name: `成绩导入模板-${session.name}`, buffer: Buffer.from(await book.xlsx.writeBuffer()) };
}

type Cell = number | 'absent' | null;
export type ImportRow = {
  row: number;
  ticketNumber: string;
  name: string;
  theory: Cell;
  practical: Cell;
  ok: boolean;
  message: string;
  change: 'new' | 'same' | 'changed' | null;
};

function readCell(text: string | undefined): Cell | 'invalid' {
  const value = (text ?? '').trim();
  if (value === '') return null;
  if (value === ABSENT) return 'absent';
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 100 || Math.round(n * 10) !== n * 10) return 'invalid';
  return n;
}

const tenths = (c: Cell) => (typeof c === 'number' ? Math.round(c * 10) : null);

/** Reads the uploaded workbook and judges every row against the session's applications. */
async function judge(deps: Deps, sessionId: string, file: Buffer): Promise<ImportRow[]> {
  const { rows, truncated } = await readWorkbookRows(file, {
    label: '成绩文件',
    template: '成绩模板',
    maxRows: MAX_SCORE_ROWS + 1,
    maxColumns: HEADERS.length,
    maxUncompressedBytes: MAX_UNCOMPRESSED_BYTES,
  });
  if (truncated) throw new AppError('VALIDATION', `成绩文件：一次最多导入 ${MAX_SCORE_ROWS} 行，请分批导入`);
  const [header, ...data] = rows;
  if (!header || header.row !== 1 || HEADERS.some((h, i) => (header.cells[i] ?? '').trim() !== h)) {
    throw new AppError('VALIDATION', `成绩文件：第一行应为 ${HEADERS.join('、')}，请使用成绩模板`);
  }
  const applicants = new Map((await liveApplicants(deps, sessionId)).map((r) => [r.a.ticketNumber, r]));
  const marks = await getPassMarks(deps.db);
  const seen = new Set<string>();
  const judgeRow = (n: number, cells: string[]): ImportRow => {
    const ticketNumber = (cells[0] ?? '').trim();
    const name = (cells[1] ?? '').trim();
    const theory = readCell(cells[4]);
    const practical = readCell(cells[5]);
    const base = {
      row: n,
      ticketNumber,
      name,
      theory: theory === 'invalid' ? null : theory,
      practical: practical === 'invalid' ? null : practical,
      change: null,
    };
    const fail = (message: string): ImportRow => ({ ...base, ok: false, message });
    const app = applicants.get(ticketNumber);
    if (!app) return fail('准考证号不在本考场');
    if (app.name !== name) return fail(`姓名与准考证不符（应为 ${app.name}）`);
    if (!isWorkType(app.a.category)) return fail('三类人员成绩由考试管理端上传');
    if (seen.has(ticketNumber)) return fail('准考证号重复');
    seen.add(ticketNumber);
    if (theory === 'invalid' || practical === 'invalid') return fail('成绩应为0至100之间、最多一位小数的数字，或填“缺考”');
    if (theory === null) return fail('请填写理论成绩或“缺考”');
    const theoryPassed = typeof theory === 'number' && theory >= marks.theory;
    if (!theoryPassed && practical !== null) return fail('理论未合格（或缺考）的人员不能有实操成绩');
    const s = app.score;
    const same =
      s &&
      s.theoryScore === tenths(theory) &&
      s.theoryAbsent === (theory === 'absent') &&
      s.practicalScore === tenths(practical) &&
      s.practicalAbsent === (practical === 'absent');
    if (app.locked && !same) return fail(SCORE_LOCKED);
    return { ...base, ok: true, message: '可以导入', change: !s ? 'new' : same ? 'same' : 'changed' };
  };
  const out = data
    .filter(({ cells }) => (cells[0] ?? '').trim() || (cells[1] ?? '').trim())
    .map(({ row, cells }) => judgeRow(row, cells));
  if (out.length === 0) throw new AppError('VALIDATION', '成绩文件：没有成绩行');
  return out;
}

export async function previewSpecialScores(deps: Deps, actor: Actor, sessionId: string, file: Buffer) {
  const session = await loadSession(deps, actor, sessionId);
  if (session.status !== 'closed' && session.status !== 'held') throw new AppError('INVALID_STATE', '考场截止申请后才能导入成绩');
  return { rows: await judge(deps, sessionId, file) };
}

/**
 * 网页导入: commits only a file without errors, in one transaction. Unchanged
 * rows change nothing (importing the same file twice is harmless); a changed
 * score replaces the earlier one and the change is audited.
 */
export async function commitSpecialScores(deps: Deps, ctx: RequestContext, sessionId: string, file: Buffer) {
  const actor = requireActor(ctx);
  const { rows } = await previewSpecialScores(deps, actor, sessionId, file);
  const bad = rows.filter((r) => !r.ok);
  if (bad.length)
    throw new AppError(
      'VALIDATION',
      `成绩文件有 ${bad.length} 行错误（第 ${bad
        .slice(0, 5)
        .map((r) => r.row)
        .join('、')} 行等），请修正后再导入`,
    );
  const applicants = new Map((await liveApplicants(deps, sessionId)).map((r) => [r.a.ticketNumber, r]));
  const marks = await getPassMarks(deps.db);
  return deps.db.transaction(async (tx) => {
    let changed = 0;
    for (const r of rows.filter((x) => x.change !== 'same')) {
      const app = applicants.get(r.ticketNumber)!;
      const values = {
        theoryScore: tenths(r.theory),
        theoryAbsent: r.theory === 'absent',
        practicalScore: tenths(r.practical),
        practicalAbsent: r.practical === 'absent',
        source: 'web_import' as const,
      };
      await tx
        .insert(examScores)
        .values({ applicationId: app.a.id, ...values })
        .onConflictDoUpdate({ target: examScores.applicationId, set: { ...values, updatedAt: new Date() } });
      // Final once nothing more is to come (a theory pass without practical still waits); a fail then frees the person to apply again.
      const v = verdict(
        app.a.category,
        {
          theory: r.theory === 'absent' ? null : r.theory,
          theoryAbsent: r.theory === 'absent',
          practical: r.practical === 'absent' ? null : r.practical,
          practicalAbsent: r.practical === 'absent',
        },
        marks,
      );
      await tx
        .update(examApplications)
        .set({ status: v.final ? 'completed' : 'active' })
        .where(eq(examApplications.id, app.a.id));
      await recordAudit(tx, ctx, {
        action: r.change === 'new' ? 'exam_score.uploaded' : 'exam_score.corrected',
        outcome: 'success',
        targetType: 'exam_application',
        targetId: app.a.id,
        detail: {
          source: 'web_import',
          before: app.score ? { theory: app.score.theoryScore, practical: app.score.practicalScore } : null,
          theory: values.theoryScore,
          practical: values.practicalScore,
        },
      });
      changed += 1;
    }
    return { imported: rows.length, changed };
  });
}
