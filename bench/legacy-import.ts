import os from 'node:os';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { from as copyFrom } from 'pg-copy-streams';
import { idNumberCheckChar, maskIdNumber } from '../src/shared/domain/id-number.js';
import { FILING_HEADERS, readFilingWorkbook } from '../src/server/modules/filings/import-filings.js';
import { submitFilingBatch } from '../src/server/modules/filings/submit-filings.js';
import { benchApp, round, withScratchDatabase } from './harness.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Row i of the workbook: a valid, unique holder and 三类 certificate number of 2023. */
function row(i: number) {
  const first17 = `2201${pad(1 + (i % 99), 2)}${new Date(Date.UTC(1960, 0, 1) + Math.floor(i / 99) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '')}${pad(i % 1000, 3)}`;
  const category = ['A', 'B', 'C1', 'C2', 'C3'][i % 5]!;
  return {
    name: `备案人${i}`,
    idNumber: first17 + idNumberCheckChar(first17),
    category,
    number: `吉建安${category}（2023）${pad(i + 1, 7)}`,
    issuedOn: '2023-06-01',
    expiresOn: '2026-05-31',
  };
}

/**
 * `legacy-import`: 原持证人员信息备案 of a 100,000-row workbook through the real
 * use-case (read the .xlsx, check every row — ID number, number format and
 * category, dates, duplicates against the database and within the file —,
 * encrypt the ID numbers, write the filings in one transaction), in rows per
 * second, against PostgreSQL COPY of the same rows (already encrypted) into a
 * table of the same shape and indexes, in the same run.
 */
export async function run(): Promise<string> {
  return withScratchDatabase(async (url) => {
    const { deps, db, close } = await benchApp(url);
    const {
      rows: [enterprise],
    } = await db.query(
      `INSERT INTO enterprises (name, credit_code, jurisdiction_code) VALUES ('长春基准建筑工程有限公司', '91220100000000001X', '220100') RETURNING id`,
    );
    const {
      rows: [entAccount],
    } = await db.query(
      `INSERT INTO accounts (username, role, display_name, password_hash, enterprise_id, jurisdiction_code) VALUES ('bench-ent', 'enterprise', '长春基准建筑工程有限公司', 'x', $1, '220100') RETURNING *`,
      [enterprise.id],
    );

    const data = Array.from({ length: ROWS }, (_, i) => row(i));
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('备案');
    sheet.addRow([...FILING_HEADERS]);
    for (const r of data) sheet.addRow([r.name, r.idNumber, r.category, '', r.number, r.issuedOn, r.expiresOn]);
    const workbook = Buffer.from(await book.xlsx.writeBuffer());

    // Baseline: COPY of the same rows, prepared beforehand, into a table shaped and indexed like certificate_filings.
    await db.query(`CREATE TABLE filings_copy (LIKE certificate_filings INCLUDING ALL)`);
    const lines = data.map(
      (r) =>
        [
          enterprise.id,
          '220100',
          r.name,
          deps.crypto.encrypt(r.idNumber),
          deps.crypto.lookupHash('id', r.idNumber),
          maskIdNumber(r.idNumber),
          r.category,
          r.number,
          r.issuedOn,
          r.expiresOn,
          entAccount.id,
        ].join('\t') + '\n',
    );
    const c0 = performance.now();
    await pipeline(
      Readable.from(lines),
      db.query(
        copyFrom(
          `COPY filings_copy (enterprise_id, jurisdiction_code, name, id_number_enc, id_number_hash, id_number_masked, category, number, issued_on, expires_on, created_by) FROM STDIN`,
        ),
      ),
    );
    const copySeconds = (performance.now() - c0) / 1000;

    const actor = {
      accountId: entAccount.id,
      role: 'enterprise' as const,
      displayName: entAccount.display_name,
      username: entAccount.username,
      jurisdictionCode: '220100',
      enterpriseId: enterprise.id,
      personId: null,
      mustChangePassword: false,
      sessionTokenHash: '',
    };
    // A migration of this size is done with the daily person-check limit raised for it (PERSON_LOOKUPS_PER_DAY).
    deps.config.personLookupsPerDay = ROWS;
    const t0 = performance.now();
    const inputs = await readFilingWorkbook(workbook);
    const parsed = performance.now();
    const result = await submitFilingBatch(deps, { actor, ip: '127.0.0.1', userAgent: null }, inputs);
    const appSeconds = (performance.now() - t0) / 1000;
    const {
      rows: [{ n }],
    } = await db.query(`SELECT count(*)::int AS n FROM certificate_filings`);
    if (n !== ROWS || result.imported !== ROWS) throw new Error(`imported ${result.imported}, table holds ${n}`);
    await close();

    const appRate = ROWS / appSeconds;
    const copyRate = ROWS / copySeconds;
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
    console.log(
      `workbook: ${ROWS} rows, ${round(workbook.length / 1024 / 1024, 1)} MB; read in ${round((parsed - t0) / 1000, 1)} s, checked and written in ${round(appSeconds - (parsed - t0) / 1000, 1)} s`,
    );
    console.log(
      `legacy-import: app ${round(appRate, 0)} rows/s (${round(appSeconds, 1)} s) | COPY ${round(copyRate, 0)} rows/s (${round(copySeconds, 1)} s)`,
    );
    return `legacy-import: ratio=${round(appRate / copyRate, 3)} rows_per_second=${round(appRate, 0)} copy_rows_per_second=${round(copyRate, 0)} rows=${ROWS}`;
  });
}
