import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { accounts, persons } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { requireReason } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { forgetAccountSessionsHere } from '../auth/session-cache.js';
import { destroyAccountSessions } from '../auth/sessions.js';
import { notifyAccounts } from '../notifications/notify.js';
import { loadUnconfirmedAccountForUpdate } from './unconfirmed-accounts.js';

/** 确认身份: the employer or the city checked the person and says this account is theirs. */
export async function confirmAccountIdentity(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  const actor = requireActor(ctx);
  await deps.db.transaction(async (tx) => {
    const account = await loadUnconfirmedAccountForUpdate(tx, actor, id);
    await tx
      .update(accounts)
      .set({ identityVerifiedAt: sql`now()`, identityVerifiedBy: actor.accountId })
      .where(eq(accounts.id, account.id));
    forgetAccountSessionsHere(account.id);
    await recordAudit(tx, ctx, {
      action: 'account.identity_confirmed',
      outcome: 'success',
      targetType: 'account',
      targetId: account.id,
    });
    await notifyAccounts(tx, [account.id], {
      title: '账号身份已确认',
      body: `${actor.displayName}已确认您的账号身份，现在可以查看您的证书和继续教育。`,
      link: '/my-certificates',
    });
  });
}

/**
 * 解除关联 (city only): the account is not the person it claims to be. It is
 * disabled and let go of the person, who can then register themselves.
 */
export async function detachAccount(deps: Deps, ctx: RequestContext, id: string, reason: string): Promise<void> {
  const actor = requireActor(ctx);
  const why = requireReason(reason, '请填写解除原因');
  await deps.db.transaction(async (tx) => {
    const account = await loadUnconfirmedAccountForUpdate(tx, actor, id);
    await tx
      .update(accounts)
      .set({ personId: null, disabledAt: sql`now()` })
      .where(eq(accounts.id, account.id));
    // The phone was the impostor's: it leaves with the account, so the holder registers with their own.
    await tx.update(persons).set({ phoneEnc: null, phoneHash: null }).where(eq(persons.id, account.personId!));
    await destroyAccountSessions(tx, account.id);
    await recordAudit(tx, ctx, {
      action: 'account.identity_detached',
      outcome: 'success',
      targetType: 'account',
      targetId: account.id,
      detail: { reason: why },
    });
  });
}
