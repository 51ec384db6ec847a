import ExcelJS from 'exceljs';
import { maskIdNumber } from '../../../shared/domain/id-number.js';
import type { FilingInput } from '../../../shared/domain/legacy-filing.js';
import type { Deps } from '../../deps.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { checkFilings } from './check-filings.js';
import { submitFilingBatch } from './submit-filings.js';

export const FILING_HEADERS = ['姓名', '身份证号', '类别/工种代码', '工种名称（仅99填写）', '证书编号', '发证日期', '有效期至'] as const;
export const MAX_FILING_ROWS = 100_000;
const SHOWN_ROWS = 2000;

/** The workbook to fill in: headers, one example row, every column as text so ID numbers keep their digits. */
export async function filingTemplate(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('原持证人员备案');
  sheet.columns = FILING_HEADERS.map((header, i) => ({ header, width: [10, 22, 14, 18, 26, 14, 14][i], style: { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(['张三', '220102198001011234', 'C2', '', '吉建安C2（2023）0001234', '2023-05-10', '2026-05-09']);
  sheet.getRow(2).font = { color: { argb: 'FF999999' } };
  return Buffer.from(await book.xlsx.writeBuffer());
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A date cell as YYYY-MM-DD: Excel dates (ExcelJS gives them at UTC midnight) or text like 2023/5/10. */
function dateCell(v: ExcelJS.CellValue): string {
  if (v instanceof Date) return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  const s = String(v ?? '').trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  return m ? `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}` : s;
}
const textCell = (v: ExcelJS.CellValue) => (v && typeof v === 'object' && 'text' in v ? String(v.text) : String(v ?? '')).trim();

/** Reads the workbook into filing rows (blank rows skipped; the grey example row too if left in). */
export async function readFilingWorkbook(file: Buffer): Promise<FilingInput[]> {
  if (file.length < 4 || file.readUInt32LE(0) !== 0x04034b50) throw new AppError('VALIDATION', '备案文件：请上传 Excel（.xlsx）文件，可先下载备案模板');
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new AppError('VALIDATION', '备案文件：无法读取该 Excel 文件，请用备案模板填写后上传');
  }
  const sheet = book.worksheets[0];
  if (!sheet || FILING_HEADERS.some((h, i) => textCell(sheet.getRow(1).getCell(i + 1).value) !== h)) {
    throw new AppError('VALIDATION', `备案文件：第一行应为 ${FILING_HEADERS.join('、')}，请使用备案模板`);
  }
  const out: FilingInput[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const cells = [1, 2, 3, 4, 5].map((i) => textCell(row.getCell(i).value));
    if (cells.every((c) => c === '') ) return;
    if (cells[0] === '张三' && cells[1] === '220102198001011234') return; // the template's example
    out.push({ name: cells[0]!, idNumber: cells[1]!, category: cells[2]!, otherWorkTypeName: cells[3] || null, number: cells[4]!, issuedOn: dateCell(row.getCell(6).value), expiresOn: dateCell(row.getCell(7).value) });
  });
  if (out.length === 0) throw new AppError('VALIDATION', '备案文件：没有数据行');
  if (out.length > MAX_FILING_ROWS) throw new AppError('VALIDATION', `备案文件：一次最多导入 ${MAX_FILING_ROWS} 行，请分批导入`);
  return out;
}

/** 预览: every row's verdict; the answer lists every wrong row (up to 2,000) and the first right ones. */
export async function previewFilings(deps: Deps, file: Buffer) {
  const inputs = await readFilingWorkbook(file);
  const rows = (await checkFilings(deps, deps.db, inputs)).map((r, i) => ({
    row: i + 2, name: r.input.name, maskedIdNumber: r.value ? maskIdNumber(r.value.idNumber) : r.input.idNumber.slice(0, 6) + (r.input.idNumber ? '…' : ''),
    category: r.input.category, number: r.input.number, issuedOn: r.input.issuedOn, expiresOn: r.input.expiresOn,
    ok: r.problems.length === 0, message: r.problems.length ? r.problems.map((p) => p.message).join('；') : '可以导入',
  }));
  const bad = rows.filter((r) => !r.ok);
  return { total: rows.length, bad: bad.length, rows: [...bad.slice(0, SHOWN_ROWS), ...rows.filter((r) => r.ok).slice(0, Math.max(0, SHOWN_ROWS - bad.length))].sort((a, b) => a.row - b.row) };
}

export async function commitFilings(deps: Deps, ctx: RequestContext, file: Buffer) {
  return submitFilingBatch(deps, ctx, await readFilingWorkbook(file));
}
