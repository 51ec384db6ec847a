import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { examApplications, examSessions } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { notFound } from '../../http/errors.js';
import { inScope, type ScopeColumns } from '../../http/scope.js';

export const examSessionScope: ScopeColumns = { jurisdiction: examSessions.jurisdictionCode };
export const examApplicationScope: ScopeColumns = {
  jurisdiction: examApplications.jurisdictionCode,
  person: examApplications.personId,
};

/** A 考场 of the caller's jurisdiction, locked for the rest of the transaction. */
export async function loadSessionForUpdate(tx: Executor, actor: Actor, id: string) {
  const [session] = await tx
    .select()
    .from(examSessions)
    .where(inScope(actor, examSessionScope, eq(examSessions.id, id)))
    .for('update');
  if (!session) throw notFound('考场');
  return session;
}

export async function loadApplicationForUpdate(tx: Executor, actor: Actor, id: string) {
  const [application] = await tx
    .select()
    .from(examApplications)
    .where(inScope(actor, examApplicationScope, eq(examApplications.id, id)))
    .for('update');
  if (!application) throw notFound('考试申请');
  return application;
}
