import { examClients } from '../../db/schema/index.js';
import type { ScopeColumns } from '../../http/scope.js';

export const examClientScope: ScopeColumns = { jurisdiction: examClients.jurisdictionCode };
