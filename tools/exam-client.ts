/**
 * Reference 考试管理端 client: uploads the scores of a 三类人员 exam from a JSON
 * or CSV file, signed with the credential a city authority issued.
 *
 *   npx tsx tools/exam-client.ts --url http://localhost:3000 --key ec_… --secret … --file scores.csv
 *
 * CSV: a header line, then `准考证号,身份证号,成绩` per row (成绩 a number or 缺考).
 * JSON: {"rows":[{"ticketNumber":"…","idNumber":"…","score":86.5}]} (or "absent": true).
 * The idempotency key is the file's SHA-256, so sending the same file twice changes nothing.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { sign } from '../src/server/modules/exams/exam-client-auth.js';

type Row = { ticketNumber: string; idNumber: string; score?: number; absent?: boolean };

export function rowsFromCsv(text: string): Row[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.slice(1).map((line) => {
    const [ticketNumber, idNumber, score] = line.split(',').map((c) => c.trim());
    return score === '缺考' ? { ticketNumber, idNumber, absent: true } : { ticketNumber, idNumber, score: Number(score) };
  });
}

export async function upload(opts: {
  url: string;
  key: string;
  secret: string;
  body: Buffer;
  idempotencyKey?: string;
  now?: Date;
}) {
  const ts = String(Math.floor((opts.now ?? new Date()).getTime() / 1000));
  const idempotencyKey = opts.idempotencyKey ?? createHash('sha256').update(opts.body).digest('hex').slice(0, 40);
  const response = await fetch(`${opts.url.replace(/\/$/, '')}/api/exam-client/scores`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': idempotencyKey,
      authorization: `AGT-HMAC keyId=${opts.key},ts=${ts},sig=${sign(opts.secret, ts, idempotencyKey, opts.body)}`,
    },
    body: new Uint8Array(opts.body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

async function main() {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, key: { type: 'string' }, secret: { type: 'string' }, file: { type: 'string' } },
  });
  if (!values.url || !values.key || !values.secret || !values.file) {
    console.error(
      '用法: npx tsx tools/exam-client.ts --url <系统地址> --key <Key ID> --secret <Secret> --file <成绩文件.csv|.json>',
    );
    process.exit(2);
  }
  const text = fs.readFileSync(values.file, 'utf8');
  const rows = values.file.endsWith('.csv') ? rowsFromCsv(text) : (JSON.parse(text) as { rows: Row[] }).rows;
  const { status, body } = await upload({
    url: values.url,
    key: values.key,
    secret: values.secret,
    body: Buffer.from(JSON.stringify({ rows })),
  });
  if (status !== 200) {
    console.error(`上传失败（HTTP ${status}）：${JSON.stringify(body)}`);
    process.exit(1);
  }
  const { results, replayed } = body as {
    results: { row: number; ticketNumber: string; ok: boolean; message: string }[];
    replayed: boolean;
  };
  if (replayed) console.log('该文件此前已上传，以下为当时的结果（未重复写入）：');
  for (const r of results) console.log(`${r.ok ? '✓' : '✗'} 第${r.row}行 ${r.ticketNumber}：${r.message}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`共 ${results.length} 行，成功 ${results.length - failed} 行，失败 ${failed} 行`);
  process.exit(failed ? 1 : 0);
}

if (process.argv[1]?.endsWith('exam-client.ts')) await main();
