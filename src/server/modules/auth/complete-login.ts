import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { accounts, accountTotp, pendingLogins, recoveryCodes } from '../../db/schema/index.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { getSecurityPolicy } from '../settings/security-policy.js';
import { enforceAddressLimit, failAccountAttempt, refuseLockedAccount } from './login-attempts.js';
import { startSession } from './login.js';
import { looksLikeTotpCode, matchingStep, recoveryCodeHash } from './totp.js';

export type CompleteLoginInput = { pendingToken: string; code: string };

const WRONG_CODE = '动态验证码错误，请查看验证器应用中的最新验证码';
const EXPIRED = '登录已超时，请重新输入账号和密码';

/**
 * The code step of a login with a second factor: the pending token from the
 * password step plus a 6-digit TOTP code (or a one-time recovery code) gives a
 * session. Wrong codes count toward the same lock as wrong passwords.
 */
export async function completeLogin(
  deps: Deps,
  ctx: RequestContext,
  input: CompleteLoginInput,
  previousTokenHash?: string,
): Promise<{ token: string; accountId: string }> {
  await enforceAddressLimit(deps, ctx);
  const tokenHash = deps.sessions.hash(input.pendingToken);
  const [pending] = await deps.db
    .select({ account: accounts })
    .from(pendingLogins)
    .innerJoin(accounts, eq(accounts.id, pendingLogins.accountId))
    .where(and(eq(pendingLogins.tokenHash, tokenHash), sql`${pendingLogins.expiresAt} > now()`));
  if (!pending) throw new AppError('UNAUTHENTICATED', EXPIRED);
  const account = pending.account;
  const target = { targetType: 'account', targetId: account.id, jurisdictionCode: account.jurisdictionCode };
  await refuseLockedAccount(deps, ctx, account, { step: 'code' });
  if (account.disabledAt) {
    await deps.db.delete(pendingLogins).where(eq(pendingLogins.accountId, account.id));
    await recordAudit(
      deps.db,
      { ...ctx, actor: null },
      { action: 'auth.login', outcome: 'denied', ...target, detail: { step: 'code', reason: 'disabled' } },
    );
    throw new AppError('FORBIDDEN', '账号已停用，请联系发放账号的主管部门');
  }

  const code = input.code.replace(/\s/g, '');
  const factor = looksLikeTotpCode(code)
    ? await acceptTotp(deps, account.id, code)
    : await acceptRecoveryCode(deps, account.id, code);
  if (!factor) {
    const policy = await getSecurityPolicy(deps.db);
    return failAccountAttempt(
      deps,
      ctx,
      policy,
      account,
      { step: 'code', reason: 'wrong_code' },
      new AppError('UNAUTHENTICATED', WRONG_CODE, 'code'),
    );
  }

  const token = await deps.db.transaction(async (tx) => {
    // Single use: of two requests racing with one token, one deletes it and the other finds nothing.
    const [consumed] = await tx
      .delete(pendingLogins)
      .where(eq(pendingLogins.tokenHash, tokenHash))
      .returning({ accountId: pendingLogins.accountId });
    if (!consumed) throw new AppError('UNAUTHENTICATED', EXPIRED);
    return startSession(tx, deps, ctx, account, previousTokenHash, { secondFactor: factor });
  });
  return { token, accountId: account.id };
}

/**
 * A code is accepted once: the statement records its time step only if it is
 * later than the last accepted one, so neither a replay nor an older code of
 * the same window gets in, whatever the number of server processes.
 */
async function acceptTotp(deps: Deps, accountId: string, code: string): Promise<'totp' | null> {
  const [row] = await deps.db
    .select({ secretEnc: accountTotp.secretEnc })
    .from(accountTotp)
    .where(and(eq(accountTotp.accountId, accountId), isNotNull(accountTotp.confirmedAt)));
  if (!row) return null;
  const step = matchingStep(deps.crypto.decrypt(row.secretEnc), code, deps.now());
  if (step === null) return null;
  const [taken] = await deps.db
    .update(accountTotp)
    .set({ lastUsedStep: step })
    .where(and(eq(accountTotp.accountId, accountId), sql`coalesce(${accountTotp.lastUsedStep}, -1) < ${step}`))
    .returning({ step: accountTotp.lastUsedStep });
  return taken ? 'totp' : null;
}

async function acceptRecoveryCode(deps: Deps, accountId: string, code: string): Promise<'recovery_code' | null> {
  if (code.length < 10 || code.length > 16) return null;
  const [used] = await deps.db
    .update(recoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(recoveryCodes.accountId, accountId),
        eq(recoveryCodes.codeHash, recoveryCodeHash(deps.crypto, accountId, code)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return used ? 'recovery_code' : null;
}
