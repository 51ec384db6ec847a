import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { accounts, accountTotp, pendingLogins, recoveryCodes } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { AppError, requireReason } from '../../http/errors.js';
import { generatePassword, hashPassword } from '../../security/passwords.js';
import { recordAudit } from '../audit/record-audit.js';
import { destroyAccountSessions } from '../auth/sessions.js';
import { loadManageableAccount } from './account-scope.js';

function target(account: { id: string; jurisdictionCode: string | null; username: string | null }) {
  return { targetType: 'account', targetId: account.id, jurisdictionCode: account.jurisdictionCode };
}

/** 停用: the account's sessions end in the same transaction, so it is out at once. */
export async function disableAccount(deps: Deps, ctx: RequestContext, id: string, reason: string): Promise<void> {
  const actor = requireActor(ctx);
  const why = requireReason(reason, '请填写停用原因');
  await deps.db.transaction(async (tx) => {
    const account = await loadManageableAccount(tx, actor, id);
    if (account.disabledAt) throw new AppError('INVALID_STATE', '该账号已是停用状态');
    await tx
      .update(accounts)
      .set({ disabledAt: sql`now()` })
      .where(eq(accounts.id, id));
    await destroyAccountSessions(tx, id);
    await recordAudit(tx, ctx, { action: 'account.disabled', outcome: 'success', ...target(account), detail: { reason: why } });
  });
}

export async function enableAccount(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  const actor = requireActor(ctx);
  await deps.db.transaction(async (tx) => {
    const account = await loadManageableAccount(tx, actor, id);
    if (!account.disabledAt) throw new AppError('INVALID_STATE', '该账号未被停用');
    await tx.update(accounts).set({ disabledAt: null, failedLoginCount: 0, lockedUntil: null }).where(eq(accounts.id, id));
    await recordAudit(tx, ctx, { action: 'account.enabled', outcome: 'success', ...target(account) });
  });
}

export async function unlockAccount(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  const actor = requireActor(ctx);
  await deps.db.transaction(async (tx) => {
    const account = await loadManageableAccount(tx, actor, id);
    await tx.update(accounts).set({ failedLoginCount: 0, lockedUntil: null }).where(eq(accounts.id, id));
    await recordAudit(tx, ctx, { action: 'account.unlocked', outcome: 'success', ...target(account) });
  });
}

/** A new temporary password shown once; every session of the account ends; it must be changed at next login. */
export async function resetAccountPassword(deps: Deps, ctx: RequestContext, id: string): Promise<{ temporaryPassword: string }> {
  const actor = requireActor(ctx);
  const temporaryPassword = generatePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  await deps.db.transaction(async (tx) => {
    const account = await loadManageableAccount(tx, actor, id);
    await tx
      .update(accounts)
      .set({ passwordHash, mustChangePassword: true, failedLoginCount: 0, lockedUntil: null })
      .where(eq(accounts.id, id));
    await destroyAccountSessions(tx, id);
    await recordAudit(tx, ctx, { action: 'account.password_reset', outcome: 'success', ...target(account) });
  });
  return { temporaryPassword };
}

/**
 * 重置双因素: for a lost phone. The same issuer check as a password reset; the
 * secret, the recovery codes and every session and half-finished login end, and
 * the account enrols again at its next login if its role requires it.
 */
export async function resetAccountTwoFactor(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  const actor = requireActor(ctx);
  await deps.db.transaction(async (tx) => {
    const account = await loadManageableAccount(tx, actor, id);
    const removed = await tx
      .delete(accountTotp)
      .where(eq(accountTotp.accountId, id))
      .returning({ confirmedAt: accountTotp.confirmedAt });
    if (!removed.some((r) => r.confirmedAt)) throw new AppError('INVALID_STATE', '该账号未启用双因素认证');
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, id));
    await tx.delete(pendingLogins).where(eq(pendingLogins.accountId, id));
    await destroyAccountSessions(tx, id);
    await recordAudit(tx, ctx, { action: 'account.two_factor_reset', outcome: 'success', ...target(account) });
  });
}
