import { Worker } from 'node:worker_threads';
import yauzl from 'yauzl';
import { AppError } from '../http/errors.js';

/**
 * The one reader of uploaded workbooks, for every import. A workbook is a zip
 * of XML, and a small zip can inflate to gigabytes, so reading happens in two
 * steps: here, on the request thread, only the central directory is looked at
 * (declared sizes and ratios, which costs microseconds); then a worker thread
 * with its own heap limit and a wall-clock limit streams the first sheet and
 * stops at the caller's row limit. The server's event loop never inflates a byte.
 */

export type WorkbookRow = { row: number; cells: string[] };

export type ReadWorkbookOptions = {
  /** Names the file in every message: 备案文件, 成绩文件. */
  label: string;
  /** The template the user is pointed to: 备案模板, 成绩模板. */
  template: string;
  /** Non-blank rows taken, the header included; one more is read to tell the caller there were more. */
  maxRows: number;
  /** Columns taken from each row (the rest is ignored, however wide the sheet claims to be). */
  maxColumns: number;
  /** Cap on the bytes inflated from every part read together, and on what the central directory may declare. */
  maxUncompressedBytes: number;
  timeoutMs?: number;
};

/** A large part that inflates more than this many times is a bomb: real sheet XML deflates about 5–20:1. */
const MAX_RATIO = 100;
const RATIO_CHECKED_ABOVE = 10 * 1024 * 1024;
const MAX_ENTRIES = 10_000;
const WORKER_HEAP_MB = 256;
/** Two readers at a time at most, so a burst of uploads queues instead of multiplying the heap limit. */
const MAX_CONCURRENT = 2;

type Refusal = 'not_zip' | 'unreadable' | 'too_big' | 'too_slow' | 'too_complex';

function refusal(opts: ReadWorkbookOptions, reason: Refusal): AppError {
  const messages: Record<Refusal, string> = {
    not_zip: `请上传 Excel（.xlsx）文件，可先下载${opts.template}`,
    unreadable: `无法读取该 Excel 文件，请用${opts.template}填写后上传`,
    too_big: `文件解压后过大（超过 ${Math.round(opts.maxUncompressedBytes / 1024 / 1024)}MB）或压缩比异常，不是正常的 Excel 文件，请用${opts.template}填写后上传`,
    too_slow: '文件过于复杂，读取超时，请减少行数或分批导入',
    too_complex: '文件过于复杂，无法读取，请减少行数或分批导入',
  };
  return new AppError('VALIDATION', `${opts.label}：${messages[reason]}`);
}

/** Step one: what the central directory declares. A directory that lies is caught by the worker counting bytes. */
async function checkCentralDirectory(file: Buffer, opts: ReadWorkbookOptions): Promise<Refusal | null> {
  const zip = await yauzl
    .fromBufferPromise(file, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false })
    .catch(() => null);
  if (!zip) return 'unreadable';
  let total = 0;
  let count = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      count += 1;
      total += entry.uncompressedSize;
      if (count > MAX_ENTRIES || total > opts.maxUncompressedBytes) return 'too_big';
      if (entry.uncompressedSize > RATIO_CHECKED_ABOVE && entry.uncompressedSize > MAX_RATIO * Math.max(1, entry.compressedSize))
        return 'too_big';
    }
  } catch {
    return 'unreadable';
  } finally {
    zip.close();
  }
  return null;
}

let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

type WorkerAnswer = { ok: true; rows: WorkbookRow[]; truncated: boolean } | { ok: false; reason: Refusal; detail?: string };

function readInWorker(file: Buffer, opts: ReadWorkbookOptions): Promise<WorkerAnswer> {
  // A private copy whose memory moves to the worker instead of being cloned a second time.
  const bytes = new Uint8Array(file);
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./read-workbook.worker.mjs', import.meta.url), {
      workerData: { bytes, maxRows: opts.maxRows, maxColumns: opts.maxColumns, maxUncompressedBytes: opts.maxUncompressedBytes },
      transferList: [bytes.buffer],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 32 },
      // The worker is plain JavaScript: it needs none of the parent's loaders (tsx, vitest).
      execArgv: [],
      stdout: false,
      stderr: false,
    });
    let settled = false;
    const settle = (answer: WorkerAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(answer);
    };
    const timer = setTimeout(() => settle({ ok: false, reason: 'too_slow' }), opts.timeoutMs ?? 30_000);
    worker.once('message', (answer: WorkerAnswer) => settle(answer));
    worker.once('error', (err: NodeJS.ErrnoException) =>
      settle({ ok: false, reason: err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'too_complex' : 'unreadable', detail: err.message }),
    );
    worker.once('exit', () => settle({ ok: false, reason: 'unreadable', detail: 'worker exited' }));
  });
}

/**
 * The first sheet's non-blank rows as text, each cell as the user sees it (see
 * cell-text.mjs), up to opts.maxRows + 1 rows; `truncated` says there were more.
 * Every failure is a VALIDATION AppError in Chinese naming the file.
 */
export async function readWorkbookRows(
  file: Buffer,
  opts: ReadWorkbookOptions,
): Promise<{ rows: WorkbookRow[]; truncated: boolean }> {
  if (file.length < 4 || file.readUInt32LE(0) !== 0x04034b50) throw refusal(opts, 'not_zip');
  const declared = await checkCentralDirectory(file, opts);
  if (declared) throw refusal(opts, declared);
  const answer = await slot(() => readInWorker(file, opts));
  if (!answer.ok) throw refusal(opts, answer.reason);
  // A cell may spell U+0000 (`_x0000_`): PostgreSQL cannot store it and no person types it.
  const nul = answer.rows.find((r) => r.cells.some((c) => c.includes('\u0000')));
  if (nul) throw new AppError('VALIDATION', `${opts.label}：第 ${nul.row} 行含有空字符（\\0），请删除后重新上传`);
  return { rows: answer.rows, truncated: answer.truncated };
}
