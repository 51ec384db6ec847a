import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { idNumberCheckChar, maskIdNumber } from '../../../shared/domain/id-number.js';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import {
  accounts,
  examApplications,
  examScores,
  examSeats,
  examSessionCategories,
  examSessions,
  files,
  persons,
  qualifiedListEntries,
  qualifiedLists,
  registrations,
} from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { beijingDate } from '../certificates/certificate-scope.js';
import { issueCertificatesForList } from '../certificates/issue-certificates.js';
import { getProvinceSettings } from '../settings/province-settings.js';
import { demoImage } from './demo-image.js';
import { loadDemoStudy } from './demo-study.js';

type Sitting = {
  name: string;
  first17: string;
  phone: string;
  category: string;
  enterprise: boolean;
  theory: number;
  practical?: number;
  confirmed: boolean;
};
const SITTINGS: Sitting[] = [
  {
    name: '赵刚',
    first17: '22010219800615351',
    phone: '13800000005',
    category: 'C2',
    enterprise: true,
    theory: 88,
    confirmed: true,
  },
  {
    name: '孙娜',
    first17: '22010219930221262',
    phone: '13800000006',
    category: '01',
    enterprise: false,
    theory: 82,
    practical: 90,
    confirmed: true,
  },
  {
    name: '周杰',
    first17: '22010219870909171',
    phone: '13800000007',
    category: 'C1',
    enterprise: true,
    theory: 76,
    confirmed: false,
  },
];

/**
 * Two held 考场 of 长春 with results: 赵刚 and 孙娜 on a confirmed list (their
 * certificates issued through the real numbering), 周杰 on a list waiting for
 * the province — so certificates, printing and the public registry have
 * something to show on first start.
 */
export async function loadDemoCertificates(deps: Deps, tx: Tx, enterpriseAId: string, passwordHash: string): Promise<void> {
  const [city] = await tx.select().from(accounts).where(eq(accounts.username, 'demo-city-cc'));
  const [province] = await tx.select().from(accounts).where(eq(accounts.username, 'demo-province'));
  const now = deps.now();
  const year = Number(beijingDate(now).slice(0, 4));
  const sessionOf = async (name: string, kind: 'theory' | 'practical', categories: string[], sequence: number) => {
    const startsAt = new Date(now.getTime() - 14 * 86_400_000);
    const [s] = await tx
      .insert(examSessions)
      .values({
        jurisdictionCode: '220100',
        name,
        address: '长春市南关区人民大街2288号 长春市建设工程安全培训中心',
        room: kind === 'theory' ? '机房201' : '实训场1',
        kind,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
        capacity: 30,
        applicationsOpenAt: new Date(startsAt.getTime() - 20 * 86_400_000),
        applicationsCloseAt: new Date(startsAt.getTime() - 3 * 86_400_000),
        status: 'held',
        year,
        sequence,
        createdBy: city!.id,
        publishedAt: new Date(startsAt.getTime() - 21 * 86_400_000),
      })
      .returning();
    await tx.insert(examSessionCategories).values(categories.map((category) => ({ sessionId: s!.id, category })));
    await tx.insert(examSeats).values(Array.from({ length: 30 }, (_, i) => ({ sessionId: s!.id, seatNumber: i + 1 })));
    return s!;
  };
  const theory = await sessionOf(`长春市第一考点（${year}年第1期）`, 'theory', ['C1', 'C2'], 1);
  // …and the next one, open for applications now: the demo's 陈静 (hours reached) can apply.
  const opensAt = new Date(now.getTime() - 86_400_000);
  const [open] = await tx
    .insert(examSessions)
    .values({
      jurisdictionCode: '220100',
      name: `长春市第一考点（${year}年第2期）`,
      address: '长春市南关区人民大街2288号 长春市建设工程安全培训中心',
      room: '机房202',
      kind: 'theory',
      startsAt: new Date(now.getTime() + 7 * 86_400_000),
      endsAt: new Date(now.getTime() + 7 * 86_400_000 + 2 * 3_600_000),
      capacity: 30,
      applicationsOpenAt: opensAt,
      applicationsCloseAt: new Date(now.getTime() + 5 * 86_400_000),
      status: 'published',
      year,
      sequence: 3,
      createdBy: city!.id,
      publishedAt: opensAt,
    })
    .returning();
  await tx.insert(examSessionCategories).values(['C1', 'C2', 'C3'].map((category) => ({ sessionId: open!.id, category })));
  await tx.insert(examSeats).values(Array.from({ length: 30 }, (_, i) => ({ sessionId: open!.id, seatNumber: i + 1 })));
  const practical = await sessionOf(`长春市建筑电工实操考场（${year}年第1期）`, 'practical', ['01'], 2);
  const lists = { confirmed: [] as string[], pending: [] as string[] };
  let seat = 0;
  for (const who of SITTINGS) {
    const idNumber = who.first17 + idNumberCheckChar(who.first17);
    const [person] = await tx
      .insert(persons)
      .values({
        name: who.name,
        idNumberEnc: deps.crypto.encrypt(idNumber),
        idNumberHash: deps.crypto.lookupHash('id', idNumber),
        idNumberMasked: maskIdNumber(idNumber),
        gender: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
        birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
        phoneEnc: deps.crypto.encrypt(who.phone),
        phoneHash: deps.crypto.lookupHash('phone', who.phone),
      })
      .returning({ id: persons.id });
    const [account] = await tx
      .insert(accounts)
      .values({ role: 'candidate', displayName: who.name, passwordHash, personId: person!.id, identityVerifiedAt: new Date() })
      .returning({ id: accounts.id });
    const photo = await demoImage(358, 441, '#2f7d6d');
    const storageKey = `demo/${randomUUID()}`;
    await deps.storage.put(storageKey, photo);
    const [file] = await tx
      .insert(files)
      .values({
        personId: person!.id,
        kind: 'photo',
        mimeType: 'image/jpeg',
        sizeBytes: photo.length,
        sha256: createHash('sha256').update(photo).digest('hex'),
        storageKey,
        uploadedBy: account!.id,
      })
      .returning({ id: files.id });
    const [registration] = await tx
      .insert(registrations)
      .values({
        personId: person!.id,
        category: who.category,
        jurisdictionCode: '220100',
        enterpriseId: who.enterprise ? enterpriseAId : null,
        status: 'approved',
        education: 'college',
        title: 'junior',
        job: who.category === '01' ? '电工' : '专职安全员',
        experienceYears: 5,
        photoFileId: file!.id,
        submittedAt: new Date(now.getTime() - 60 * 86_400_000),
        approvedAt: new Date(now.getTime() - 50 * 86_400_000),
        approvedBy: city!.id,
        labourRelationConfirmed: who.enterprise,
        annualTrainingConfirmed: who.enterprise,
      })
      .returning({ id: registrations.id });
    // They studied the plan to its hours before the exam (two weeks ago), as the learning engine records it.
    await loadDemoStudy(deps, tx, person!.id, who.category, 20);
    const session = who.category === '01' ? practical : theory;
    seat += 1;
    const [application] = await tx
      .insert(examApplications)
      .values({
        sessionId: session.id,
        registrationId: registration!.id,
        personId: person!.id,
        jurisdictionCode: '220100',
        category: who.category,
        status: 'completed',
        seatNumber: seat,
        ticketNumber: `${year}220100${String(session.sequence).padStart(3, '0')}${String(seat).padStart(3, '0')}`,
        ticketPrintedAt: new Date(now.getTime() - 16 * 86_400_000),
      })
      .returning({ id: examApplications.id });
    await tx
      .update(examSeats)
      .set({ applicationId: application!.id })
      .where(and(eq(examSeats.sessionId, session.id), eq(examSeats.seatNumber, seat)));
    await tx.insert(examScores).values({
      applicationId: application!.id,
      theoryScore: who.theory * 10,
      practicalScore: who.practical ? who.practical * 10 : null,
      source: who.category === '01' ? 'web_import' : 'exam_client',
    });
    (who.confirmed ? lists.confirmed : lists.pending).push(application!.id);
  }
  const listOf = async (title: string, ids: string[], confirmed: boolean) => {
    const [l] = await tx
      .insert(qualifiedLists)
      .values({ jurisdictionCode: '220100', title, entryCount: ids.length, submittedBy: city!.id, status: 'submitted' })
      .returning();
    await tx.insert(qualifiedListEntries).values(ids.map((applicationId) => ({ listId: l!.id, applicationId })));
    if (!confirmed) return;
    const actor: Actor = {
      accountId: province!.id,
      role: 'province',
      displayName: province!.displayName,
      username: province!.username,
      jurisdictionCode: null,
      enterpriseId: null,
      personId: null,
      mustChangePassword: false,
      sessionTokenHash: '',
    };
    await issueCertificatesForList(deps, tx, actor, l!.id, beijingDate(now), (await getProvinceSettings(tx)).abbreviation);
    await tx
      .update(qualifiedLists)
      .set({ status: 'confirmed', decidedBy: province!.id, decidedAt: now })
      .where(eq(qualifiedLists.id, l!.id));
  };
  await listOf(`${year}年第1批合格名单`, lists.confirmed, true);
  await listOf(`${year}年第2批合格名单`, lists.pending, false);
}

/** For the start-up banner: who holds a demo certificate, and who waits on the province's list. */
export const DEMO_CERTIFIED_PEOPLE = SITTINGS.map((s) => `${s.name} ${s.phone}${s.confirmed ? '' : '（名单待省厅确认）'}`);
