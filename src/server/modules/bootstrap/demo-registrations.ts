import { createHash, randomUUID } from 'node:crypto';
import { idNumberCheckChar, maskIdNumber } from '../../../shared/domain/id-number.js';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { eq } from 'drizzle-orm';
import { accounts, files, persons, registrations } from '../../db/schema/index.js';
import { demoImage } from './demo-image.js';
import { loadDemoStudy } from './demo-study.js';

type DemoPerson = { name: string; first17: string; phone: string };
const PEOPLE: DemoPerson[] = [
  { name: '李明', first17: '22010319850512321', phone: '13800000002' },
  { name: '王丽', first17: '22010419920830422', phone: '13800000003' },
  { name: '刘强', first17: '22010519880118211', phone: '13800000004' },
  { name: '陈静', first17: '22010219950420264', phone: '13800000008' },
];

/**
 * Candidates of 长春 at different steps, so every party has something to do on
 * first start: registrations waiting for the authority and the employer, and
 * 陈静, approved, who studied the C2 plan to its required hours on past days
 * (ledger written by the real accrual rules) and may apply for the open 考场.
 */
export async function loadDemoRegistrations(deps: Deps, tx: Tx, enterpriseAId: string, passwordHash: string): Promise<void> {
  const plans = [
    {
      category: 'C2',
      status: 'awaiting_authority' as const,
      enterpriseId: enterpriseAId,
      education: 'college',
      title: 'junior',
      experienceYears: 6,
      job: '专职安全员',
    },
    {
      category: 'A',
      status: 'awaiting_employer' as const,
      enterpriseId: enterpriseAId,
      education: 'bachelor',
      title: 'intermediate',
      experienceYears: 12,
      job: '总经理',
    },
    {
      category: '01',
      status: 'awaiting_authority' as const,
      enterpriseId: null,
      education: 'junior',
      title: 'none',
      experienceYears: null,
      job: '电工',
    },
    {
      category: 'C2',
      status: 'approved' as const,
      enterpriseId: enterpriseAId,
      education: 'bachelor',
      title: 'junior',
      experienceYears: 4,
      job: '专职安全员',
    },
  ];
  const [city] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, 'demo-city-cc'));
  for (const [i, who] of PEOPLE.entries()) {
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
      .values({ role: 'candidate', displayName: who.name, passwordHash, personId: person.id })
      .returning({ id: accounts.id });
    const plan = plans[i];
    const store = async (kind: 'photo' | 'diploma' | 'medical', bytes: Buffer) => {
      const storageKey = `demo/${randomUUID()}`;
      await deps.storage.put(storageKey, bytes);
      const [f] = await tx
        .insert(files)
        .values({
          personId: person.id,
          kind,
          mimeType: 'image/jpeg',
          sizeBytes: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          storageKey,
          uploadedBy: account.id,
        })
        .returning({ id: files.id });
      return f.id;
    };
    const special = plan.category === '01';
    await tx.insert(registrations).values({
      personId: person.id,
      category: plan.category,
      jurisdictionCode: '220100',
      enterpriseId: plan.enterpriseId,
      status: plan.status,
      education: plan.education,
      title: plan.title,
      job: plan.job,
      experienceYears: plan.experienceYears,
      medicalExamDate: special ? new Date(deps.now().getTime() - 20 * 86_400_000).toISOString().slice(0, 10) : null,
      photoFileId: await store('photo', await demoImage(358, 441, '#3b6fb6')),
      diplomaFileId: special ? null : await store('diploma', await demoImage(900, 640, '#b6443b')),
      medicalFileId: special ? await store('medical', await demoImage(640, 900, '#3b9b6f')) : null,
      submittedAt: new Date(deps.now().getTime() - (i + 1) * 3_600_000),
      labourRelationConfirmed: plan.status !== 'awaiting_employer' && !special,
      annualTrainingConfirmed: plan.status !== 'awaiting_employer' && !special,
      employerConfirmedAt: plan.status !== 'awaiting_employer' && !special ? new Date(deps.now().getTime() - 1_800_000) : null,
      ...(plan.status === 'approved'
        ? {
            submittedAt: new Date(deps.now().getTime() - 10 * 86_400_000),
            approvedAt: new Date(deps.now().getTime() - 9 * 86_400_000),
            approvedBy: city!.id,
          }
        : {}),
    });
    if (plan.status === 'approved') await loadDemoStudy(deps, tx, person.id, plan.category, 1);
  }
}

export const DEMO_REGISTRATION_PEOPLE = PEOPLE;
