import type { Deps } from '../../deps.js';
import type { RequestContext } from '../../http/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { destroySession } from './sessions.js';

export async function logout(deps: Deps, ctx: RequestContext): Promise<void> {
  if (!ctx.actor) return;
  const actor = ctx.actor;
  await deps.db.transaction(async (tx) => {
    await destroySession(tx, actor.sessionTokenHash);
    await recordAudit(tx, ctx, { action: 'auth.logout', outcome: 'success', targetType: 'account', targetId: actor.accountId });
  });
}
