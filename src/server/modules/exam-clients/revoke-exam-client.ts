import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { examClients } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { AppError, notFound } from '../../http/errors.js';
import { inScope } from '../../http/scope.js';
import { recordAudit } from '../audit/record-audit.js';
import { examClientScope } from './exam-client-scope.js';

export async function revokeExamClient(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  const actor = requireActor(ctx);
  await deps.db.transaction(async (tx) => {
    const [client] = await tx
      .select()
      .from(examClients)
      .where(inScope(actor, examClientScope, eq(examClients.id, id)));
    if (!client) throw notFound('考试管理端凭证');
    if (client.revokedAt) throw new AppError('INVALID_STATE', '该凭证已吊销');
    await tx
      .update(examClients)
      .set({ revokedAt: sql`now()` })
      .where(eq(examClients.id, id));
    await recordAudit(tx, ctx, {
      action: 'exam_client.revoked',
      outcome: 'success',
      targetType: 'exam_client',
      targetId: id,
      detail: { keyId: client.keyId },
    });
  });
}
