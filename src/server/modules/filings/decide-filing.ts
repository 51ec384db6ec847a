import { randomUUID } from 'node:crypto';
import { FILING_MACHINE } from '../../../shared/domain/machine.js';
import { eq, sql } from 'drizzle-orm';
import { certificatePrefix, parseCertificateNumber } from '../../../shared/domain/certificate.js';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { certificateFilings, certificates, enterprises, persons } from '../../db/schema/index.js';
import { requireNationalClearance } from '../national/national-check.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { AppError, notFound, requireReason } from '../../http/errors.js';
import { inScope } from '../../http/scope.js';
import { recordAudit } from '../audit/record-audit.js';
import { beijingDate } from '../certificates/certificate-scope.js';
import { newVerifyToken } from '../certificates/verify-token.js';
import { notifyEnterprise } from '../notifications/notify.js';
import { getProvinceSettings } from '../settings/province-settings.js';
import { filingScope } from './filing-scope.js';
import { recordCertificateEvents } from '../certificates/record-certificate-event.js';

async function loadPending(tx: Tx, ctx: RequestContext, id: string) {
  const actor = requireActor(ctx);
  const [filing] = await tx
    .select()
    .from(certificateFilings)
    .where(inScope(actor, filingScope, eq(certificateFilings.id, id)))
    .for('update');
  if (!filing) throw notFound('备案');
  FILING_MACHINE.assert(filing.status, 'approve');
  return { actor, filing };
}

/**
 * 核验通过: the filed certificate enters the system like any other (source
 * 备案): the holder is found by ID number or recorded, the certificate keeps its
 * number and dates (失效 at once if already past), gets a verification token
 * and a 'filed' event. A number of this system's own format moves its counter
 * past it, so a later issue can never draw the same number.
 */
export async function approveFiling(deps: Deps, ctx: RequestContext, id: string, overrideReason?: string) {
  const today = beijingDate(deps.now());
  const { abbreviation } = await getProvinceSettings(deps.db);
  // 全国平台查重 of the holder first, outside the transaction.
  const subject = await deps.db.transaction(async (tx) => {
    const { filing } = await loadPending(tx, ctx, id);
    const [employer] = await tx
      .select({ creditCode: enterprises.creditCode })
      .from(enterprises)
      .where(eq(enterprises.id, filing.enterpriseId));
    return {
      key: filing.id,
      name: filing.name,
      idNumber: deps.crypto.decrypt(filing.idNumberEnc),
      category: filing.category,
      otherWorkTypeName: filing.otherWorkTypeName,
      creditCode: employer?.creditCode ?? null,
      job: null,
      certNum: filing.number,
      operateType: '01' as const,
    };
  });
  const clearance = await requireNationalClearance(deps, [subject], overrideReason);
  return deps.db.transaction(async (tx) => {
    const { actor, filing } = await loadPending(tx, ctx, id);
    const [taken] = await tx.select({ id: certificates.id }).from(certificates).where(eq(certificates.number, filing.number));
    if (taken) throw new AppError('CONFLICT', '该证书编号已存在于系统中，请退回该备案');
    const idNumber = deps.crypto.decrypt(filing.idNumberEnc);
    let [person] = await tx.select().from(persons).where(eq(persons.idNumberHash, filing.idNumberHash));
    if (person && person.name !== filing.name)
      throw new AppError('CONFLICT', `该身份证号在系统中登记的姓名为“${person.name}”，与备案姓名不符，请退回`);
    if (!person) {
      [person] = await tx
        .insert(persons)
        .values({
          name: filing.name,
          idNumberEnc: filing.idNumberEnc,
          idNumberHash: filing.idNumberHash,
          idNumberMasked: filing.idNumberMasked,
          gender: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
          birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
        })
        .returning();
    }
    const certificateId = randomUUID();
    await tx.insert(certificates).values({
      id: certificateId,
      number: filing.number,
      verifyToken: newVerifyToken(certificateId),
      personId: person!.id,
      category: filing.category,
      otherWorkTypeName: filing.otherWorkTypeName,
      enterpriseId: filing.enterpriseId,
      jurisdictionCode: filing.jurisdictionCode,
      issuedOn: filing.issuedOn,
      expiresOn: filing.expiresOn,
      status: filing.expiresOn < today ? 'expired' : 'valid',
      source: 'filing',
    });
    const parts = parseCertificateNumber(filing.number);
    if (parts && parts.provinceAbbreviation === abbreviation) {
      await tx.execute(sql`
        INSERT INTO certificate_serials (prefix, last_serial) VALUES (${certificatePrefix(parts)}, ${parts.serial})
        ON CONFLICT (prefix) DO UPDATE SET last_serial = GREATEST(certificate_serials.last_serial, EXCLUDED.last_serial)`);
    }
    await recordCertificateEvents(deps, tx, actor, [
      { certificateId, kind: 'filed', reason: '原持证人员信息备案核验通过', detail: { filingId: filing.id } },
    ]);
    await tx
      .update(certificateFilings)
      .set({ status: 'approved', certificateId, decidedBy: actor.accountId, decidedAt: sql`now()` })
      .where(eq(certificateFilings.id, filing.id));
    await recordAudit(tx, ctx, {
      action: 'filing.approved',
      outcome: 'success',
      targetType: 'certificate_filing',
      targetId: filing.id,
      jurisdictionCode: filing.jurisdictionCode,
      detail: { number: filing.number, certificateId, nationalCheck: clearance.check, overrideReason: clearance.overrideReason },
    });
    await notifyEnterprise(tx, filing.enterpriseId, {
      title: '原持证人员备案已核验通过',
      body: `${filing.name} 的证书 ${filing.number} 已备案，可在本企业证书中查看。`,
      link: '/certificates',
    });
    return { certificateId };
  });
}

/** 退回 with a reason; the enterprise may correct and file again. */
export async function returnFiling(deps: Deps, ctx: RequestContext, id: string, reason: string) {
  const why = requireReason(reason, '请填写退回原因');
  await deps.db.transaction(async (tx) => {
    const { actor, filing } = await loadPending(tx, ctx, id);
    await tx
      .update(certificateFilings)
      .set({ status: 'returned', returnReason: why, decidedBy: actor.accountId, decidedAt: sql`now()` })
      .where(eq(certificateFilings.id, filing.id));
    await recordAudit(tx, ctx, {
      action: 'filing.returned',
      outcome: 'success',
      targetType: 'certificate_filing',
      targetId: filing.id,
      jurisdictionCode: filing.jurisdictionCode,
      detail: { reason: why },
    });
    await notifyEnterprise(tx, filing.enterpriseId, {
      title: '原持证人员备案被退回',
      body: `${filing.name} 的证书 ${filing.number} 备案被退回。原因：${why}`,
      link: '/filings',
    });
  });
}
