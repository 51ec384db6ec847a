import { desc } from 'drizzle-orm';
import { ALLOWED, type Policies } from '../../../shared/policies.js';
import type { Deps } from '../../deps.js';
import { examClients } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { scopeWhere } from '../../http/scope.js';
import { examClientScope } from './exam-client-scope.js';

/** The jurisdiction's 考试管理端 credentials, newest first; a credential in force may be revoked (once: it cannot come back). */
export async function listExamClients(deps: Deps, actor: Actor) {
  const rows = await deps.db
    .select({
      id: examClients.id,
      name: examClients.name,
      keyId: examClients.keyId,
      createdAt: examClients.createdAt,
      revokedAt: examClients.revokedAt,
    })
    .from(examClients)
    .where(scopeWhere(actor, examClientScope))
    .orderBy(desc(examClients.createdAt));
  return {
    rows: rows.map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      revokedAt: r.revokedAt?.toISOString() ?? null,
      policies: (r.revokedAt ? {} : { revoke: ALLOWED }) as Policies<'revoke'>,
    })),
  };
}
