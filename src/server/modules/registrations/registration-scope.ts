import { ne, type SQL } from 'drizzle-orm';
import { registrations } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import type { ScopeColumns } from '../../http/scope.js';

/** A registration belongs to its 报往地区, its named employer and its candidate. */
export const registrationScope: ScopeColumns = {
  jurisdiction: registrations.jurisdictionCode,
  enterprise: registrations.enterpriseId,
  person: registrations.personId,
};

/** A draft belongs to its candidate alone: nobody else has been asked anything yet. */
export function visibleStatuses(actor: Pick<Actor, 'role'>): SQL | undefined {
  return actor.role === 'candidate' ? undefined : ne(registrations.status, 'draft');
}
