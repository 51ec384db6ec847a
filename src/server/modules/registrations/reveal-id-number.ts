import { eq, isNull } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { persons, registrations } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { notFound } from '../../http/errors.js';
import { inScope } from '../../http/scope.js';
import { recordAudit } from '../audit/record-audit.js';
import { registrationScope, visibleStatuses } from './registration-scope.js';

/** "显示完整身份证号" for the reviewing authority: every reveal is an audit event. */
export async function revealIdNumber(deps: Deps, ctx: RequestContext, registrationId: string): Promise<{ idNumber: string }> {
  const actor = requireActor(ctx);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ idNumberEnc: persons.idNumberEnc, personId: persons.id, jurisdictionCode: registrations.jurisdictionCode })
      .from(registrations)
      .innerJoin(persons, eq(persons.id, registrations.personId))
      .where(
        inScope(
          actor,
          registrationScope,
          eq(registrations.id, registrationId),
          isNull(registrations.deletedAt),
          visibleStatuses(actor),
        ),
      );
    if (!row) throw notFound('报名');
    await recordAudit(tx, ctx, {
      action: 'pii.revealed',
      outcome: 'success',
      targetType: 'person',
      targetId: row.personId,
      jurisdictionCode: row.jurisdictionCode,
      detail: { field: 'idNumber', registrationId },
    });
    return { idNumber: deps.crypto.decrypt(row.idNumberEnc) };
  });
}
