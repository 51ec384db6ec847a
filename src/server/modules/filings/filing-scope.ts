import type { ScopeColumns } from '../../http/scope.js';
import { certificateFilings } from '../../db/schema/index.js';

/** A filing belongs to the enterprise that filed it and to the authority of that enterprise's jurisdiction. */
export const filingScope: ScopeColumns = {
  jurisdiction: certificateFilings.jurisdictionCode,
  enterprise: certificateFilings.enterpriseId,
};
