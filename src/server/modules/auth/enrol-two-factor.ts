import { and, count, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { twoFactorRequired } from '../../../shared/domain/security-policy.js';
import type { Deps } from '../../deps.js';
import { accountTotp, recoveryCodes } from '../../db/schema/index.js';
import { requireActor, type Actor, type RequestContext } from '../../http/actor.js';
import { AppError, invalid } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { getSecurityPolicy } from '../settings/security-policy.js';
import { matchingStep, newRecoveryCodes, newTotpSecret, recoveryCodeHash, totpFor } from './totp.js';
import { forgetAccountSessionsHere } from './session-cache.js';

export type TwoFactorStatus = {
  enrolled: boolean;
  /** The security policy requires it of this role. */
  required: boolean;
  recoveryCodesLeft: number;
};

export async function twoFactorStatus(deps: Deps, actor: Actor): Promise<TwoFactorStatus> {
  const policy = await getSecurityPolicy(deps.db);
  const [enrolled] = await deps.db
    .select({ id: accountTotp.accountId })
    .from(accountTotp)
    .where(and(eq(accountTotp.accountId, actor.accountId), isNotNull(accountTotp.confirmedAt)));
  const [left] = await deps.db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.accountId, actor.accountId), isNull(recoveryCodes.usedAt)));
  return { enrolled: !!enrolled, required: twoFactorRequired(policy, actor.role), recoveryCodesLeft: left.n };
}

async function refuseIfEnrolled(deps: Deps, accountId: string): Promise<void> {
  const [row] = await deps.db
    .select({ id: accountTotp.accountId })
    .from(accountTotp)
    .where(and(eq(accountTotp.accountId, accountId), isNotNull(accountTotp.confirmedAt)));
  if (row) throw new AppError('INVALID_STATE', '已启用双因素认证；如需更换手机，请联系发放账号的主管部门重置');
}

/**
 * Step 1: a new secret, stored encrypted and not yet in force, shown as a QR
 * code and as text (for apps without a camera). Starting again replaces it.
 */
export async function startTwoFactorEnrolment(
  deps: Deps,
  ctx: RequestContext,
): Promise<{ secret: string; otpauthUri: string; qrDataUrl: string }> {
  const actor = requireActor(ctx);
  await refuseIfEnrolled(deps, actor.accountId);
  const secret = newTotpSecret();
  const secretEnc = deps.crypto.encrypt(secret);
  await deps.db
    .insert(accountTotp)
    .values({ accountId: actor.accountId, secretEnc })
    .onConflictDoUpdate({
      target: accountTotp.accountId,
      set: { secretEnc, lastUsedStep: null },
      where: isNull(accountTotp.confirmedAt),
    });
  const otpauthUri = totpFor(secret, actor.username ?? actor.displayName).toString();
  return {
    secret,
    otpauthUri,
    qrDataUrl: await QRCode.toDataURL(otpauthUri, { margin: 1, width: 220, errorCorrectionLevel: 'M' }),
  };
}

/**
 * Step 2: the first code from the app proves it holds the secret; the factor is
 * then in force and ten recovery codes are shown — this once, stored hashed.
 */
export async function confirmTwoFactorEnrolment(
  deps: Deps,
  ctx: RequestContext,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  const actor = requireActor(ctx);
  await refuseIfEnrolled(deps, actor.accountId);
  const [pending] = await deps.db.select().from(accountTotp).where(eq(accountTotp.accountId, actor.accountId));
  if (!pending) throw new AppError('INVALID_STATE', '请先生成二维码');
  const step = matchingStep(deps.crypto.decrypt(pending.secretEnc), code.replace(/\s/g, ''), deps.now());
  if (step === null) throw invalid('code', '验证码不正确，请输入验证器应用中显示的6位数字');
  const codes = newRecoveryCodes();
  await deps.db.transaction(async (tx) => {
    // Only the unconfirmed secret this caller saw: a second confirmation finds nothing to update.
    const [confirmed] = await tx
      .update(accountTotp)
      .set({ confirmedAt: sql`now()`, lastUsedStep: step })
      .where(
        and(
          eq(accountTotp.accountId, actor.accountId),
          eq(accountTotp.secretEnc, pending.secretEnc),
          isNull(accountTotp.confirmedAt),
        ),
      )
      .returning({ id: accountTotp.accountId });
    if (!confirmed) throw new AppError('INVALID_STATE', '二维码已更新或已启用，请刷新页面');
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, actor.accountId));
    await tx
      .insert(recoveryCodes)
      .values(codes.map((c) => ({ accountId: actor.accountId, codeHash: recoveryCodeHash(deps.crypto, actor.accountId, c) })));
    await recordAudit(tx, ctx, {
      action: 'auth.two_factor_enrolled',
      outcome: 'success',
      targetType: 'account',
      targetId: actor.accountId,
    });
  });
  // The enrolment duty is lifted for this session's next request (other processes hear the database's notice).
  forgetAccountSessionsHere(actor.accountId);
  return { recoveryCodes: codes };
}
