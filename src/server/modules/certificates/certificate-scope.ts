import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { certificates, qualifiedLists } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { notFound } from '../../http/errors.js';
import { inScope, type ScopeColumns } from '../../http/scope.js';

export const certificateScope: ScopeColumns = {
  jurisdiction: certificates.jurisdictionCode,
  enterprise: certificates.enterpriseId,
  verifiedPerson: certificates.personId,
};
/** Lists belong to the city that compiled them; the province sees every city's. */
export const qualifiedListScope: ScopeColumns = { jurisdiction: qualifiedLists.jurisdictionCode };

export async function loadListForUpdate(tx: Executor, actor: Actor, id: string) {
  const [list] = await tx
    .select()
    .from(qualifiedLists)
    .where(inScope(actor, qualifiedListScope, eq(qualifiedLists.id, id)))
    .for('update');
  if (!list) throw notFound('合格名单');
  return list;
}

// Building a DateTimeFormat costs more than a whole verification query: build it once.
const BEIJING_DATE = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Beijing, which is what an issue date or an expiry date means here. */
export function beijingDate(d: Date): string {
  return BEIJING_DATE.format(d);
}
