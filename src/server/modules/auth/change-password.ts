import { eq, sql } from 'drizzle-orm';
import { checkPassword } from '../../../shared/domain/password-policy.js';
import type { Deps } from '../../deps.js';
import { accounts } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { invalid } from '../../http/errors.js';
import { hashPassword, verifyPassword } from '../../security/passwords.js';
import { recordAudit } from '../audit/record-audit.js';
import { getSecurityPolicy } from '../settings/security-policy.js';
import { destroyAccountSessions } from './sessions.js';

export async function changePassword(
  deps: Deps,
  ctx: RequestContext,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const actor = requireActor(ctx);
  const [account] = await deps.db.select().from(accounts).where(eq(accounts.id, actor.accountId));
  if (!(await verifyPassword(account.passwordHash, input.currentPassword))) {
    await recordAudit(deps.db, ctx, {
      action: 'auth.password_changed',
      outcome: 'failure',
      targetType: 'account',
      targetId: actor.accountId,
      detail: { reason: 'wrong_current_password' },
    });
    throw invalid('currentPassword', '原密码不正确');
  }
  const policy = await getSecurityPolicy(deps.db);
  const problem = checkPassword(input.newPassword, policy);
  if (problem) throw invalid('newPassword', problem);
  if (input.newPassword === input.currentPassword) throw invalid('newPassword', '新密码不能与原密码相同');
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: sql`now()` })
      .where(eq(accounts.id, actor.accountId));
    // Other browsers signed in with the old password are signed out.
    await destroyAccountSessions(tx, actor.accountId, actor.sessionTokenHash);
    await recordAudit(tx, ctx, {
      action: 'auth.password_changed',
      outcome: 'success',
      targetType: 'account',
      targetId: actor.accountId,
    });
  });
}
