import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { idNumberCheckChar, maskIdNumber } from '../src/shared/domain/id-number.js';
import { CERTIFICATE_FONT } from '../src/server/modules/certificates/certificate-pdf.js';
import { startBatchPrint } from '../src/server/modules/certificates/print-certificates.js';
import { benchApp, round, withScratchDatabase } from './harness.js';

const CERTIFICATES = Number(process.env.BENCH_CERTIFICATES ?? 1000);

/** The baseline: a one-line pdfkit document with the same (embedded, subset) font. */
function oneLinePdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font(CERTIFICATE_FONT).fontSize(14).text('吉建安C2（2026）0000001 张伟');
  doc.end();
  return done;
}

/**
 * `certificates`: 批量打印 of a confirmed list of 1,000 certificates through the
 * real use-case (read, decrypt, photos from storage, QR codes, one PDF written
 * to storage, progress in print_jobs), in certificates per second, against
 * rendering one-line pdfkit documents with the same font in the same run.
 */
export async function run(): Promise<string> {
  return withScratchDatabase(async (url) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agt-bench-cert-'));
    const { deps, db, close } = await benchApp(url, { DATA_DIR: dataDir });
    const {
      rows: [province],
    } = await db.query(`SELECT * FROM accounts WHERE role = 'province' LIMIT 1`);
    const {
      rows: [enterprise],
    } = await db.query(
      `INSERT INTO enterprises (name, credit_code, jurisdiction_code) VALUES ('长春基准建筑工程有限公司', '91220100000000001X', '220100') RETURNING id`,
    );
    const photo = await sharp({ create: { width: 358, height: 441, channels: 3, background: '#7d9bbd' } })
      .jpeg({ quality: 85 })
      .toBuffer();
    await deps.storage.put('bench/photo', photo);
    const {
      rows: [person0],
    } = await db.query(
      `INSERT INTO persons (name, id_number_enc, id_number_hash, id_number_masked, gender, birth_date) VALUES ('照片', 'x', 'x', 'x', 'male', '1980-01-01') RETURNING id`,
    );
    const {
      rows: [file],
    } = await db.query(
      `INSERT INTO files (person_id, kind, mime_type, size_bytes, sha256, storage_key, uploaded_by) VALUES ($1, 'photo', 'image/jpeg', $2, 'x', 'bench/photo', $3) RETURNING id`,
      [person0.id, photo.length, province.id],
    );
    const {
      rows: [list],
    } = await db.query(
      `INSERT INTO qualified_lists (jurisdiction_code, title, status, entry_count, submitted_by) VALUES ('220100', '基准名单', 'confirmed', $1, $2) RETURNING id`,
      [CERTIFICATES, province.id],
    );
    for (let i = 1; i <= CERTIFICATES; i++) {
      const first17 = `220100${new Date(Date.UTC(1970, 0, 1) + i * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '')}001`;
      const idNumber = first17 + idNumberCheckChar(first17);
      const {
        rows: [p],
      } = await db.query(
        `INSERT INTO persons (name, id_number_enc, id_number_hash, id_number_masked, gender, birth_date) VALUES ($1, $2, $3, $4, 'male', $5) RETURNING id`,
        [
          `持证人${i}`,
          deps.crypto.encrypt(idNumber),
          deps.crypto.lookupHash('id', idNumber),
          maskIdNumber(idNumber),
          `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
        ],
      );
      await db.query(
        `INSERT INTO certificates (number, verify_token, person_id, category, enterprise_id, jurisdiction_code, issued_on, expires_on, source, list_id, photo_file_id)
        VALUES ($1, $2, $3, 'C2', $4, '220100', '2026-11-25', '2029-11-24', 'exam', $5, $6)`,
        [
          `吉建安C2（2026）${String(i).padStart(7, '0')}`,
          `bench${String(i).padStart(38, '0')}`,
          p.id,
          enterprise.id,
          list.id,
          file.id,
        ],
      );
    }

    // Baseline first, then the batch, then the baseline again: the mean of both baselines.
    const baselineRate = async () => {
      const t0 = performance.now();
      let n = 0;
      while (performance.now() - t0 < 5000) {
        await oneLinePdf();
        n++;
      }
      return n / ((performance.now() - t0) / 1000);
    };
    const before = await baselineRate();
    const actor = {
      accountId: province.id,
      role: 'province' as const,
      displayName: province.display_name,
      username: province.username,
      jurisdictionCode: null,
      enterpriseId: null,
      personId: null,
      mustChangePassword: false,
      sessionTokenHash: '',
    };
    const t0 = performance.now();
    const { jobId } = await startBatchPrint(
      deps,
      { actor, ip: '127.0.0.1', userAgent: null },
      list.id,
      'https://anguantong.example',
    );
    let job: { status: string; done: number; storage_key: string | null } = { status: 'running', done: 0, storage_key: null };
    const progress: number[] = [];
    while (job.status === 'running') {
      await new Promise((r) => setTimeout(r, 200));
      ({
        rows: [job],
      } = await db.query(`SELECT status, done, storage_key FROM print_jobs WHERE id = $1`, [jobId]));
      progress.push(job.done);
    }
    const seconds = (performance.now() - t0) / 1000;
    if (job.status !== 'done') throw new Error(`batch print ${job.status}`);
    const pdf = await deps.storage.get(job.storage_key!);
    // The page tree's /Count (the seal's incremental update rewrites page 1, so page objects count one more).
    const pages = Math.max(0, ...[...pdf.toString('latin1').matchAll(/\/Count (\d+)/g)].map((m) => Number(m[1])));
    const after = await baselineRate();
    await close();
    fs.rmSync(dataDir, { recursive: true, force: true });

    const perSecond = CERTIFICATES / seconds;
    const baseline = (before + after) / 2;
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
    console.log(
      `batch: ${CERTIFICATES} certificates, ${pages} pages, ${round(pdf.length / 1024 / 1024, 1)} MB in ${round(seconds, 1)} s; progress seen ${[...new Set(progress)].length} times`,
    );
    console.log(`baseline: one-line pdfkit document ${round(before, 0)} / ${round(after, 0)} per s`);
    return `certificates: ratio=${round(perSecond / baseline, 3)} per_second=${round(perSecond, 1)} baseline_per_second=${round(baseline, 1)} pages=${pages}`;
  });
}
