import { registrations } from '../../db/schema/index.js';
import type { ScopeColumns } from '../../http/scope.js';

/** A registration belongs to its 报往地区, its named employer and its candidate. */
export const registrationScope: ScopeColumns = {
  jurisdiction: registrations.jurisdictionCode,
  enterprise: registrations.enterpriseId,
  person: registrations.personId,
};
