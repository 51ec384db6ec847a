import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { registrations } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { notFound } from '../../http/errors.js';
import { inScope } from '../../http/scope.js';
import { registrationScope, visibleStatuses } from './registration-scope.js';

/**
 * A live registration in the caller's scope, locked for the rest of the
 * transaction so two reviewers (or a double click) cannot both act on it.
 */
export async function loadRegistrationForUpdate(tx: Executor, actor: Actor, id: string) {
  const [row] = await tx
    .select()
    .from(registrations)
    .where(inScope(actor, registrationScope, eq(registrations.id, id), isNull(registrations.deletedAt), visibleStatuses(actor)))
    .for('update');
  if (!row) throw notFound('报名');
  return row;
}

export const touch = { updatedAt: sql`now()` };

export const liveRegistration = (id: string) => and(eq(registrations.id, id), isNull(registrations.deletedAt));
