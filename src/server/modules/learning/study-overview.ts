import type { Deps } from '../../deps.js';
import { registrations } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { scopeWhere } from '../../http/scope.js';
import { continuingProgress } from '../continuing/continuing-progress.js';
import { registrationScope } from '../registrations/registration-scope.js';
import { registrationProgress } from './study-progress.js';

/**
 * 在线学习 of a candidate: the progress of every approved registration, then the
 * continuing education of the holder's certificates, shown the same way —
 * the latter only for a confirmed account (certificates are the person's, not
 * whoever registered with their number).
 */
export async function studyOverview(deps: Deps, actor: Actor) {
  const own = await deps.db.select({ id: registrations.id }).from(registrations).where(scopeWhere(actor, registrationScope));
  const all = await Promise.all(own.map((r) => registrationProgress(deps, actor, r.id).catch(() => null)));
  return [
    ...all.flatMap((p) => (p?.approved ? [p] : [])),
    ...(actor.identityVerified && actor.personId ? await continuingProgress(deps, actor.personId) : []),
  ];
}
