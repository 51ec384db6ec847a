import { and, eq, inArray } from 'drizzle-orm';
import {
  isSafetyCategory,
  isWorkType,
  type CategoryCode,
  type Education,
  type Title,
} from '../../../shared/domain/categories.js';
import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/client.js';
import { violatedUniqueIndex } from '../../db/client.js';
import { enterprises, files, jurisdictions, registrations } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { AppError, invalid } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import type { FileKind } from '../files/upload-file.js';
import { loadRegistrationForUpdate, touch } from './load-registration.js';
import { assertTransition } from './registration-state.js';

export type RegistrationInput = {
  category: CategoryCode;
  otherWorkTypeName?: string | null;
  jurisdictionCode: string;
  enterpriseId?: string | null;
  education?: Education | null;
  title?: Title | null;
  job?: string | null;
  experienceYears?: number | null;
  qualificationNumber?: string | null;
  medicalExamDate?: string | null;
  photoFileId?: string | null;
  diplomaFileId?: string | null;
  qualificationFileId?: string | null;
  medicalFileId?: string | null;
};

const FILE_FIELDS: [keyof RegistrationInput, FileKind][] = [
  ['photoFileId', 'photo'],
  ['diplomaFileId', 'diploma'],
  ['qualificationFileId', 'qualification'],
  ['medicalFileId', 'medical'],
];

const blankToNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** Field-level checks that hold for drafts too; eligibility is checked at submission. */
async function normalizeInput(exec: Executor, personId: string, input: RegistrationInput) {
  if (!isSafetyCategory(input.category) && !isWorkType(input.category)) throw invalid('category', '请选择报考类别或工种');
  const [j] = await exec
    .select({ code: jurisdictions.code })
    .from(jurisdictions)
    .where(eq(jurisdictions.code, input.jurisdictionCode));
  if (!j) throw invalid('jurisdictionCode', '请选择报往地区');
  if (input.enterpriseId) {
    const [e] = await exec.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.id, input.enterpriseId));
    if (!e) throw invalid('enterpriseId', '所选工作单位未在本系统注册');
  }
  if (input.experienceYears != null && (input.experienceYears < 0 || input.experienceYears > 60)) {
    throw invalid('experienceYears', '应为0至60之间的整数');
  }
  const fileIds = FILE_FIELDS.map(([field]) => input[field]).filter((v): v is string => typeof v === 'string');
  if (fileIds.length > 0) {
    const owned = await exec
      .select({ id: files.id, kind: files.kind })
      .from(files)
      .where(and(inArray(files.id, fileIds), eq(files.personId, personId)));
    for (const [field, kind] of FILE_FIELDS) {
      const id = input[field];
      if (!id) continue;
      const file = owned.find((f) => f.id === id);
      if (!file || file.kind !== kind) throw invalid(field, '文件无效，请重新上传');
    }
  }
  const special = isWorkType(input.category);
  return {
    category: input.category,
    otherWorkTypeName: input.category === '99' ? blankToNull(input.otherWorkTypeName) : null,
    jurisdictionCode: input.jurisdictionCode,
    enterpriseId: input.enterpriseId || null,
    education: input.education ?? null,
    title: input.title ?? null,
    job: blankToNull(input.job),
    experienceYears: input.experienceYears ?? null,
    qualificationNumber: input.category === 'B' ? blankToNull(input.qualificationNumber) : null,
    medicalExamDate: special ? input.medicalExamDate || null : null,
    photoFileId: input.photoFileId || null,
    diplomaFileId: input.diplomaFileId || null,
    qualificationFileId: input.category === 'B' ? input.qualificationFileId || null : null,
    medicalFileId: special ? input.medicalFileId || null : null,
  };
}

const isUniqueViolation = (err: unknown) => violatedUniqueIndex(err) !== null;

/** Creates a draft, or changes a draft or returned registration (before approval everything may change). */
export async function saveRegistration(
  deps: Deps,
  ctx: RequestContext,
  id: string | null,
  input: RegistrationInput,
): Promise<{ id: string }> {
  const actor = requireActor(ctx);
  if (!actor.personId) throw new AppError('FORBIDDEN', '只有学员可以报名');
  try {
    return await deps.db.transaction(async (tx) => {
      const values = await normalizeInput(tx, actor.personId!, input);
      let savedId: string;
      if (id) {
        const current = await loadRegistrationForUpdate(tx, actor, id);
        assertTransition(current.status, 'edit');
        await tx
          .update(registrations)
          .set({ ...values, ...touch })
          .where(eq(registrations.id, id));
        savedId = id;
      } else {
        const [row] = await tx
          .insert(registrations)
          .values({ ...values, personId: actor.personId! })
          .returning({ id: registrations.id });
        savedId = row.id;
      }
      await recordAudit(tx, ctx, {
        action: 'registration.saved',
        outcome: 'success',
        targetType: 'registration',
        targetId: savedId,
        jurisdictionCode: values.jurisdictionCode,
        detail: { category: values.category },
      });
      return { id: savedId };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', '报考类别：您已有该类别（工种）的报名，不能重复报名', 'category');
    throw err;
  }
}
