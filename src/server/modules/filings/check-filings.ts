import { sql } from 'drizzle-orm';
import { maskIdNumber, parseIdNumber } from '../../../shared/domain/id-number.js';
import { checkFiling, type FilingInput, type FilingProblem, type FilingValue } from '../../../shared/domain/legacy-filing.js';
import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/client.js';
import type { RequestContext } from '../../http/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { countPersonLookups } from '../privacy/person-lookup-limit.js';
import { certificateFilings, certificates, persons } from '../../db/schema/index.js';
import { beijingDate } from '../certificates/certificate-scope.js';
import { getProvinceSettings } from '../settings/province-settings.js';

export type CheckedRow = {
  input: FilingInput;
  problems: FilingProblem[];
  /** Present when the row passed every check. */
  value?: FilingValue & { idHash: string };
};

const CHUNK = 20_000;
async function inChunks<T, R>(items: T[], fn: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await fn(items.slice(i, i + CHUNK))));
  return out;
}

/**
 * checkFilings for an enterprise's request: the ID numbers are first counted
 * against the enterprise's daily limit, and what was checked and found is
 * audited (masked) whether or not the request goes on to succeed.
 */
export async function checkFilingsAudited<T>(
  deps: Deps,
  ctx: RequestContext,
  inputs: FilingInput[],
  purpose: FilingCheckPurpose,
  /** Runs the check (and whatever follows, e.g. the submitting transaction); hands the checked rows to `seen`. */
  work: (seen: (rows: CheckedRow[]) => void) => Promise<T>,
): Promise<T> {
  const today = beijingDate(deps.now());
  const checked = inputs.flatMap((input) => {
    const parsed = parseIdNumber(input.idNumber, today);
    return parsed.ok ? [{ idNumber: parsed.value.idNumber, name: input.name }] : [];
  });
  const idNumbers = checked.map((c) => c.idNumber);
  // Counted in its own transaction before the check (never inside the caller's: a refused check must still count).
  await countPersonLookups(
    deps,
    ctx,
    checked.map((c) => ({ kind: 'id', ...c })),
    `filing.${purpose}`,
  );
  let rows: CheckedRow[] | undefined;
  let ok = false;
  try {
    const result = await work((checked) => {
      rows = checked;
    });
    ok = true;
    return result;
  } finally {
    // After the caller's transaction is settled, so a rolled-back submission is still on record.
    const nameMismatches = rows?.filter((r) => r.problems.some((p) => p.field === 'name')).length ?? null;
    await recordAudit(deps.db, ctx, {
      action: 'filing.checked',
      outcome: ok ? 'success' : 'failure',
      targetType: 'enterprise',
      targetId: ctx.actor?.enterpriseId ?? undefined,
      detail: {
        purpose,
        rows: inputs.length,
        idNumbers: idNumbers.length,
        searched: idNumbers.slice(0, 20).map(maskIdNumber),
        nameMismatches,
        passed: rows?.filter((r) => r.value).length ?? null,
      },
    });
  }
}

export type FilingCheckPurpose = 'form' | 'preview' | 'import';

/**
 * Every check a filing must pass, for one form or a whole workbook at once:
 * the shared rules, then what needs the database — a number already in the
 * system or already filed, a known ID number under another name, a number twice
 * in the same workbook. Lookups go in bulk, so 100,000 rows cost a few queries.
 */
export async function checkFilings(deps: Deps, exec: Executor, inputs: FilingInput[]): Promise<CheckedRow[]> {
  const today = beijingDate(deps.now());
  const { abbreviation } = await getProvinceSettings(exec);
  const rows: CheckedRow[] = inputs.map((input) => {
    const checked = checkFiling(input, today, abbreviation);
    return checked.ok
      ? { input, problems: [], value: { ...checked.value, idHash: deps.crypto.lookupHash('id', checked.value.idNumber) } }
      : { input, problems: checked.problems };
  });
  const valid = rows.filter((r) => r.value);
  const numbers = [...new Set(valid.map((r) => r.value!.number))];
  // One array parameter per lookup (= ANY), not thousands of placeholders.
  const issued = new Set(
    (
      await inChunks(numbers, (c) =>
        exec
          .select({ n: certificates.number })
          .from(certificates)
          .where(sql`${certificates.number} = ANY(${sql.param(c)}::text[])`),
      )
    ).map((r) => r.n),
  );
  const filed = new Set(
    (
      await inChunks(numbers, (c) =>
        exec
          .select({ n: certificateFilings.number })
          .from(certificateFilings)
          .where(sql`${certificateFilings.number} = ANY(${sql.param(c)}::text[]) AND ${certificateFilings.status} <> 'returned'`),
      )
    ).map((r) => r.n),
  );
  const hashes = [...new Set(valid.map((r) => r.value!.idHash))];
  const known = new Map(
    (
      await inChunks(hashes, (c) =>
        exec
          .select({ h: persons.idNumberHash, name: persons.name })
          .from(persons)
          .where(sql`${persons.idNumberHash} = ANY(${sql.param(c)}::text[])`),
      )
    ).map((r) => [r.h, r.name]),
  );
  const firstRowOf = new Map<string, number>();
  rows.forEach((r, i) => {
    if (!r.value) return;
    const v = r.value;
    const problems: FilingProblem[] = [];
    if (issued.has(v.number)) problems.push({ field: 'number', message: '该证书编号已存在于系统中，不能重复备案' });
    else if (filed.has(v.number)) problems.push({ field: 'number', message: '该证书编号已提交备案，正在审核或已通过' });
    const earlier = firstRowOf.get(v.number);
    if (earlier !== undefined) problems.push({ field: 'number', message: `与第 ${earlier + 2} 行的证书编号重复` });
    else firstRowOf.set(v.number, i);
    const knownName = known.get(v.idHash);
    // Never the stored name: that would hand it to whoever typed any name beside any ID number.
    if (knownName && knownName !== v.name) problems.push({ field: 'name', message: '姓名与身份证号不一致' });
    if (problems.length) {
      r.problems = problems;
      delete r.value;
    }
  });
  return rows;
}
