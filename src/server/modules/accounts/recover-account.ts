import { eq } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { accounts, accountTotp, pendingLogins, recoveryCodes } from '../../db/schema/index.js';
import { AppError } from '../../http/errors.js';
import { generatePassword, hashPassword } from '../../security/passwords.js';
import { recordAudit } from '../audit/record-audit.js';
import { destroyAccountSessions } from '../auth/sessions.js';

/**
 * Accounts at the top of the issuer chain (the province, the three operators)
 * have nobody above them in the application who could reset them without
 * breaking 三权分立. Their recovery is done on the server itself
 * (`npm run account:reset -- <username>`): a new temporary password, the second
 * factor removed, every session ended, audited as done from the console.
 */
export const CONSOLE_RECOVERABLE_ROLES = ['province', 'sysadmin', 'secadmin', 'auditadmin'] as const;

export async function recoverAccountFromConsole(
  deps: Deps,
  username: string,
): Promise<{ temporaryPassword: string; role: string }> {
  const temporaryPassword = generatePassword(14);
  const passwordHash = await hashPassword(temporaryPassword);
  return deps.db.transaction(async (tx) => {
    const [account] = await tx.select().from(accounts).where(eq(accounts.username, username.trim().toLowerCase())).for('update');
    if (!account) throw new AppError('NOT_FOUND', `账号 ${username} 不存在`);
    if (!(CONSOLE_RECOVERABLE_ROLES as readonly string[]).includes(account.role)) {
      throw new AppError('FORBIDDEN', '该账号由其发放单位在系统中重置，不能在服务器上重置');
    }
    await tx
      .update(accounts)
      .set({ passwordHash, mustChangePassword: true, failedLoginCount: 0, lockedUntil: null, disabledAt: null })
      .where(eq(accounts.id, account.id));
    await tx.delete(accountTotp).where(eq(accountTotp.accountId, account.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, account.id));
    await tx.delete(pendingLogins).where(eq(pendingLogins.accountId, account.id));
    await destroyAccountSessions(tx, account.id);
    await recordAudit(
      tx,
      { ip: 'console', actor: null },
      { action: 'account.console_recovered', outcome: 'success', targetType: 'account', targetId: account.id },
    );
    return { temporaryPassword, role: account.role };
  });
}
