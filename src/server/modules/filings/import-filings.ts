import ExcelJS from 'exceljs';
import { maskIdNumber } from '../../../shared/domain/id-number.js';
import type { FilingInput } from '../../../shared/domain/legacy-filing.js';
import type { Deps } from '../../deps.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { readWorkbookRows } from '../../workbook/read-workbook.js';
import { checkFilings, checkFilingsAudited } from './check-filings.js';
import { submitFilingBatch } from './submit-filings.js';

export const FILING_HEADERS = [
  '姓名',
  '身份证号',
  '类别/工种代码',
  '工种名称（仅99填写）',
  '证书编号',
  '发证日期',
  '有效期至',
] as const;
export const MAX_FILING_ROWS = 100_000;
/** The template's grey example. Its ID number has a wrong check character on purpose: it is nobody's. */
const EXAMPLE_ROW = ['张三', '220102198001011230', 'C2', '', '吉建安C2（2023）0001234', '2023-05-10', '2026-05-09'] as const;
const SHOWN_ROWS = 2000;

/** The workbook to fill in: headers, one example row, every column as text so ID numbers keep their digits. */
export async function filingTemplate(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('原持证人员备案');
  sheet.columns = FILING_HEADERS.map((header, i) => ({ header, width: [10, 22, 14, 18, 26, 14, 14][i], style: { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow([...EXAMPLE_ROW]);
  sheet.getRow(2).font = { color: { argb: 'FF999999' } };
  return Buffer.from(await book.xlsx.writeBuffer());
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A date cell as YYYY-MM-DD: the reader gives date-formatted cells so already; text like 2023/5/10 is normalised here. */
function dateCell(v: string): string {
  const s = v.trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  return m ? `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}` : s;
}

/**
 * 100,000 rows of the template are about 40 MB of XML (sheet and shared
 * strings); more than this is not a filing workbook.
 */
const MAX_UNCOMPRESSED_BYTES = 150 * 1024 * 1024;

/** Reads the workbook into filing rows (blank rows skipped; the grey example row too if left in). */
export async function readFilingWorkbook(file: Buffer): Promise<FilingInput[]> {
  // Header, the example row and one row more than allowed tell "too many" apart from "just enough".
  const { rows } = await readWorkbookRows(file, {
    label: '备案文件',
    template: '备案模板',
    maxRows: MAX_FILING_ROWS + 2,
    maxColumns: FILING_HEADERS.length,
    maxUncompressedBytes: MAX_UNCOMPRESSED_BYTES,
  });
  const [header, ...data] = rows;
  if (!header || header.row !== 1 || FILING_HEADERS.some((h, i) => (header.cells[i] ?? '').trim() !== h)) {
    throw new AppError('VALIDATION', `备案文件：第一行应为 ${FILING_HEADERS.join('、')}，请使用备案模板`);
  }
  const out: FilingInput[] = [];
  for (const { cells: raw } of data) {
    const cells = FILING_HEADERS.map((_, i) => (raw[i] ?? '').trim());
    if (cells.slice(0, 5).every((c) => c === '')) continue;
    if (cells[0] === EXAMPLE_ROW[0] && cells[1] === EXAMPLE_ROW[1]) continue; // the template's example
    out.push({
      name: cells[0]!,
      idNumber: cells[1]!,
      category: cells[2]!,
      otherWorkTypeName: cells[3] || null,
      number: cells[4]!,
      issuedOn: dateCell(cells[5]!),
      expiresOn: dateCell(cells[6]!),
    });
  }
  if (out.length === 0) throw new AppError('VALIDATION', '备案文件：没有数据行');
  if (out.length > MAX_FILING_ROWS) throw new AppError('VALIDATION', `备案文件：一次最多导入 ${MAX_FILING_ROWS} 行，请分批导入`);
  return out;
}

/** 预览: every row's verdict; the answer lists every wrong row (up to 2,000) and the first right ones. */
export async function previewFilings(deps: Deps, ctx: RequestContext, file: Buffer) {
  const inputs = await readFilingWorkbook(file);
  const rows = (
    await checkFilingsAudited(deps, ctx, inputs, 'preview', async (seen) => {
      const checked = await checkFilings(deps, deps.db, inputs);
      seen(checked);
      return checked;
    })
  ).map((r, i) => ({
    row: i + 2,
    name: r.input.name,
    maskedIdNumber: r.value ? maskIdNumber(r.value.idNumber) : r.input.idNumber.slice(0, 6) + (r.input.idNumber ? '…' : ''),
    category: r.input.category,
    number: r.input.number,
    issuedOn: r.input.issuedOn,
    expiresOn: r.input.expiresOn,
    ok: r.problems.length === 0,
    message: r.problems.length ? r.problems.map((p) => p.message).join('；') : '可以导入',
  }));
  const bad = rows.filter((r) => !r.ok);
  return {
    total: rows.length,
    bad: bad.length,
    rows: [...bad.slice(0, SHOWN_ROWS), ...rows.filter((r) => r.ok).slice(0, Math.max(0, SHOWN_ROWS - bad.length))].sort(
      (a, b) => a.row - b.row,
    ),
  };
}

export async function commitFilings(deps: Deps, ctx: RequestContext, file: Buffer) {
  return submitFilingBatch(deps, ctx, await readFilingWorkbook(file));
}
