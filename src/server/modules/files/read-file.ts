import { and, eq, exists, isNull, or } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { certificateFilings, files, registrations } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { notFound } from '../../http/errors.js';
import { scopeWhere } from '../../http/scope.js';
import { filingScope } from '../filings/filing-scope.js';
import { registrationScope, visibleStatuses } from '../registrations/registration-scope.js';

/**
 * A file is served to its candidate, and to whoever may see a live registration
 * that uses it (the named employer, the authority of its jurisdiction, the province).
 */
export async function readFile(deps: Deps, actor: Actor, id: string): Promise<{ bytes: Buffer; mimeType: string }> {
  const usedByVisibleRegistration = exists(
    deps.db
      .select({ one: registrations.id })
      .from(registrations)
      .where(
        and(
          isNull(registrations.deletedAt),
          or(
            eq(registrations.photoFileId, files.id),
            eq(registrations.diplomaFileId, files.id),
            eq(registrations.qualificationFileId, files.id),
            eq(registrations.medicalFileId, files.id),
          ),
          scopeWhere(actor, registrationScope),
          visibleStatuses(actor),
        ),
      ),
  );
  // A certificate scan is seen by whoever may see the filing that uses it (the enterprise, the city, the province).
  const usedByVisibleFiling = exists(
    deps.db
      .select({ one: certificateFilings.id })
      .from(certificateFilings)
      .where(and(eq(certificateFilings.scanFileId, files.id), scopeWhere(actor, filingScope))),
  );
  const own = actor.personId ? eq(files.personId, actor.personId) : eq(files.uploadedBy, actor.accountId);
  const [file] = await deps.db
    .select()
    .from(files)
    .where(and(eq(files.id, id), or(own, usedByVisibleRegistration, usedByVisibleFiling)));
  if (!file) throw notFound('文件');
  return { bytes: await deps.storage.get(file.storageKey), mimeType: file.mimeType };
}
