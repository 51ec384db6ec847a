import { sealPdf } from '../../security/province-seal.js';
import { getProvinceSettings } from '../settings/province-settings.js';
import { issuerOf } from '../national/queue-national-reports.js';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { categoryLabel, isSafetyCategory } from '../../../shared/domain/categories.js';
import { CERTIFICATE_STATUS_LABELS, currentStatus } from '../../../shared/domain/certificate.js';
import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/client.js';
import { certificates, enterprises, files, persons, printJobs, qualifiedLists } from '../../db/schema/index.js';
import { requireActor, type Actor, type RequestContext } from '../../http/actor.js';
import { AppError, notFound } from '../../http/errors.js';
import { inScope } from '../../http/scope.js';
import { recordAudit } from '../audit/record-audit.js';
import { renderCertificatesPdf, type CertificatePrint } from './certificate-pdf.js';
import { beijingDate, certificateScope, loadListForUpdate } from './certificate-scope.js';

/** The public page the QR code opens. The token is the only secret in it. */
export const verifyUrl = (origin: string, token: string) => `${origin}/verify/cert/${token}`;

/** The printable data of certificates, read now: a reprint shows the current holder, employer and state. */
async function printData(deps: Deps, exec: Executor, where: ReturnType<typeof eq>, origin: string): Promise<CertificatePrint[]> {
  const issuer = await issuerOf(exec, deps.config.nationalIssuer);
  const today = beijingDate(deps.now());
  const rows = await exec
    .select({ c: certificates, p: persons, enterpriseName: enterprises.name, photoKey: files.storageKey })
    .from(certificates)
    .innerJoin(persons, eq(persons.id, certificates.personId))
    .leftJoin(enterprises, eq(enterprises.id, certificates.enterpriseId))
    .leftJoin(files, eq(files.id, certificates.photoFileId))
    .where(where)
    .orderBy(asc(certificates.number));
  return Promise.all(
    rows.map(async ({ c, p, enterpriseName, photoKey }) => {
      const status = currentStatus(c.status, c.expiresOn, today);
      return {
        kind: isSafetyCategory(c.category) ? ('safety' as const) : ('special' as const),
        number: c.number,
        name: p.name,
        gender: p.gender === 'male' ? '男' : '女',
        birthDate: p.birthDate,
        idNumber: deps.crypto.decrypt(p.idNumberEnc),
        enterpriseName: enterpriseName ?? '',
        categoryLabel: categoryLabel(c.category, c.otherWorkTypeName),
        issuedOn: c.issuedOn,
        expiresOn: c.expiresOn,
        issuer: issuer.issuAuth,
        statusLabel: CERTIFICATE_STATUS_LABELS[status],
        valid: status === 'valid',
        photo: photoKey ? await deps.storage.get(photoKey) : null,
        verifyUrl: verifyUrl(origin, c.verifyToken),
        nationalQr: c.nationalQr,
      };
    }),
  );
}

/** 打印证书, one certificate: the holder, the employer, the city and the province may print; always the current data. */
export async function printCertificate(
  deps: Deps,
  ctx: RequestContext,
  certificateId: string,
  origin: string,
): Promise<{ number: string; pdf: Buffer }> {
  const actor = requireActor(ctx);
  const items = await deps.db.transaction(async (tx) => {
    const [c] = await tx
      .select({
        id: certificates.id,
        jurisdictionCode: certificates.jurisdictionCode,
        firstPrintedAt: certificates.firstPrintedAt,
      })
      .from(certificates)
      .where(inScope(actor, certificateScope, eq(certificates.id, certificateId)));
    if (!c) throw notFound('证书');
    if (!c.firstPrintedAt)
      await tx
        .update(certificates)
        .set({ firstPrintedAt: sql`now()` })
        .where(eq(certificates.id, c.id));
    await recordAudit(tx, ctx, {
      action: 'certificate.printed',
      outcome: 'success',
      targetType: 'certificate',
      targetId: c.id,
      jurisdictionCode: c.jurisdictionCode,
    });
    return printData(deps, tx, eq(certificates.id, certificateId), origin);
  });
  return { number: items[0]!.number, pdf: await sealed(deps, await renderCertificatesPdf(items), items[0]!.issuer) };
}

/** Every certificate file leaves signed with the province's electronic seal. */
async function sealed(deps: Deps, pdf: Buffer, issuer: string): Promise<Buffer> {
  if (!deps.seal) return pdf;
  const province = await getProvinceSettings(deps.db);
  return sealPdf(pdf, deps.seal, { name: issuer, location: province.name });
}

const PROGRESS_EVERY = 20;

/**
 * 批量打印: every certificate of a confirmed list into one PDF. The work runs in
 * the background and writes its progress to `print_jobs`, so whichever server
 * process the browser asks next can tell how far it is.
 */
export async function startBatchPrint(
  deps: Deps,
  ctx: RequestContext,
  listId: string,
  origin: string,
): Promise<{ jobId: string; total: number }> {
  const actor = requireActor(ctx);
  const { job, items } = await deps.db.transaction(async (tx) => {
    const list = await loadListForUpdate(tx, actor, listId);
    if (list.status !== 'confirmed') throw new AppError('INVALID_STATE', '名单确认发证后才能打印证书');
    const items = await printData(deps, tx, eq(certificates.listId, listId), origin);
    const [job] = await tx.insert(printJobs).values({ accountId: actor.accountId, listId, total: items.length }).returning();
    await tx
      .update(certificates)
      .set({ firstPrintedAt: sql`now()` })
      .where(and(eq(certificates.listId, listId), isNull(certificates.firstPrintedAt)));
    await recordAudit(tx, ctx, {
      action: 'certificate.batch_printed',
      outcome: 'success',
      targetType: 'qualified_list',
      targetId: listId,
      jurisdictionCode: list.jurisdictionCode,
      detail: { certificates: items.length, jobId: job!.id },
    });
    return { job: job!, items };
  });
  void runBatch(deps, job.id, items);
  return { jobId: job.id, total: items.length };
}

async function runBatch(deps: Deps, jobId: string, items: CertificatePrint[]): Promise<void> {
  try {
    const pdf = await sealed(
      deps,
      await renderCertificatesPdf(items, async (done) => {
        if (done % PROGRESS_EVERY === 0 && done < items.length)
          await deps.db.update(printJobs).set({ done }).where(eq(printJobs.id, jobId));
      }),
      items[0]?.issuer ?? '',
    );
    const key = `print-jobs/${jobId}`;
    await deps.storage.put(key, pdf);
    await deps.db
      .update(printJobs)
      .set({ status: 'done', done: items.length, storageKey: key, finishedAt: sql`now()` })
      .where(eq(printJobs.id, jobId));
  } catch (err) {
    await deps.db
      .update(printJobs)
      .set({ status: 'failed', error: err instanceof Error ? err.message : String(err), finishedAt: sql`now()` })
      .where(eq(printJobs.id, jobId))
      .catch(() => undefined);
  }
}

/** A print job is visible only to the account that started it. */
async function loadJob(deps: Deps, actor: Actor, jobId: string) {
  const [job] = await deps.db
    .select({ j: printJobs, title: qualifiedLists.title })
    .from(printJobs)
    .innerJoin(qualifiedLists, eq(qualifiedLists.id, printJobs.listId))
    .where(and(eq(printJobs.id, jobId), eq(printJobs.accountId, actor.accountId)));
  if (!job) throw notFound('打印任务');
  return job;
}

export async function batchPrintProgress(deps: Deps, actor: Actor, jobId: string) {
  const { j } = await loadJob(deps, actor, jobId);
  return {
    id: j.id,
    status: j.status,
    total: j.total,
    done: j.done,
    error: j.status === 'failed' ? '生成证书文件失败，请重试' : null,
  };
}

export async function batchPrintFile(deps: Deps, actor: Actor, jobId: string): Promise<{ name: string; pdf: Buffer }> {
  const { j, title } = await loadJob(deps, actor, jobId);
  if (j.status !== 'done' || !j.storageKey) throw new AppError('INVALID_STATE', '证书文件尚未生成完毕');
  return { name: `证书-${title}`, pdf: await deps.storage.get(j.storageKey) };
}
