import { and, eq, inArray, sql } from 'drizzle-orm';
import { categoryLabel } from '../../../shared/domain/categories.js';
import { EXAM_KIND_LABELS } from '../../../shared/domain/exam-session.js';
import type { Deps } from '../../deps.js';
import { examApplications, examSessions, files, persons, registrations } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { AppError, notFound } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { getProvinceSettings } from '../settings/province-settings.js';
import { loadApplicationForUpdate } from './exam-scope.js';
import { renderTicketPdf } from './ticket-pdf.js';

const beijing = (d: Date) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);

/**
 * 打印准考证: the first print locks the application (no more withdrawal or
 * cancellation); reprints show the same ticket.
 */
export async function printTicket(deps: Deps, ctx: RequestContext, applicationId: string, origin: string): Promise<Buffer> {
  const actor = requireActor(ctx);
  const data = await deps.db.transaction(async (tx) => {
    const a = await loadApplicationForUpdate(tx, actor, applicationId);
    if (a.status !== 'active')
      throw new AppError(
        'INVALID_STATE',
        a.status === 'withdrawal_requested' ? '已申请退考，不能打印准考证' : '该考试申请已结束',
      );
    if (!a.ticketPrintedAt) {
      await tx
        .update(examApplications)
        .set({ ticketPrintedAt: sql`now()` })
        .where(eq(examApplications.id, applicationId));
      await recordAudit(tx, ctx, {
        action: 'exam_application.ticket_printed',
        outcome: 'success',
        targetType: 'exam_application',
        targetId: applicationId,
        jurisdictionCode: a.jurisdictionCode,
      });
    }
    const [row] = await tx
      .select({ session: examSessions, person: persons, photoKey: files.storageKey, otherName: registrations.otherWorkTypeName })
      .from(examSessions)
      .innerJoin(registrations, eq(registrations.id, a.registrationId))
      .innerJoin(persons, eq(persons.id, registrations.personId))
      .leftJoin(files, eq(files.id, registrations.photoFileId))
      .where(eq(examSessions.id, a.sessionId));
    return { a, ...row };
  });
  const province = await getProvinceSettings(deps.db);
  return renderTicketPdf({
    provinceName: province.name,
    name: data.person.name,
    gender: data.person.gender === 'male' ? '男' : '女',
    maskedIdNumber: data.person.idNumberMasked,
    categoryLabel: categoryLabel(data.a.category, data.otherName),
    ticketNumber: data.a.ticketNumber!,
    seatNumber: data.a.seatNumber!,
    kindLabel: EXAM_KIND_LABELS[data.session.kind],
    sessionName: data.session.name,
    time: `${beijing(data.session.startsAt)} 至 ${beijing(data.session.endsAt).slice(11)}`,
    address: data.session.address,
    room: data.session.room,
    photo: data.photoKey ? await deps.storage.get(data.photoKey) : null,
    verifyUrl: `${origin}/verify/ticket/${data.a.id}`,
    printedAt: beijing(deps.now()),
  });
}

/** The invigilator's check, reached from the QR code: no login; the link itself is the secret. */
export async function verifyTicket(deps: Deps, applicationId: string) {
  const [row] = await deps.db
    .select({
      a: examApplications,
      session: examSessions,
      name: persons.name,
      masked: persons.idNumberMasked,
      photoFileId: registrations.photoFileId,
      otherName: registrations.otherWorkTypeName,
    })
    .from(examApplications)
    .innerJoin(examSessions, eq(examSessions.id, examApplications.sessionId))
    .innerJoin(registrations, eq(registrations.id, examApplications.registrationId))
    .innerJoin(persons, eq(persons.id, examApplications.personId))
    .where(
      and(
        eq(examApplications.id, applicationId),
        inArray(examApplications.status, ['active', 'withdrawal_requested', 'withdrawn', 'cancelled', 'completed']),
      ),
    );
  if (!row) throw notFound('准考证');
  return {
    valid: row.a.status === 'active',
    statusLabel:
      row.a.status === 'active' ? '有效' : row.a.status === 'completed' ? '已考试，准考证已使用' : '已失效（已退考或取消）',
    name: row.name,
    maskedIdNumber: row.masked,
    categoryLabel: categoryLabel(row.a.category, row.otherName),
    ticketNumber: row.a.ticketNumber,
    seatNumber: row.a.seatNumber,
    sessionName: row.session.name,
    time: beijing(row.session.startsAt),
    address: `${row.session.address} ${row.session.room}`,
  };
}
