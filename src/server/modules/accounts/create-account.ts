import { eq } from 'drizzle-orm';
import { parseCreditCode } from '../../../shared/domain/credit-code.js';
import { isMainlandMobile } from '../../../shared/domain/id-number.js';
import { ISSUABLE_ROLES, ROLE_LABELS, type Role } from '../../../shared/domain/roles.js';
import type { Deps } from '../../deps.js';
import { accounts, enterprises, jurisdictions } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { AppError, invalid } from '../../http/errors.js';
import { generatePassword, hashPassword } from '../../security/passwords.js';
import { recordAudit } from '../audit/record-audit.js';

export type CreateAccountInput = {
  role: Role;
  username: string;
  displayName: string;
  jurisdictionCode?: string;
  /** Required for enterprise accounts. */
  creditCode?: string;
  contactName?: string;
  contactPhone?: string;
};

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9_.-]{2,31}$/;

/**
 * Issues an account (SPEC §1): the province issues city-authority and training
 * accounts, a city authority issues enterprise and training accounts inside its
 * own jurisdiction. The initial password is generated, shown once to the
 * issuer, and must be changed at first login.
 */
export async function createAccount(
  deps: Deps,
  ctx: RequestContext,
  input: CreateAccountInput,
): Promise<{ id: string; username: string; initialPassword: string }> {
  const actor = requireActor(ctx);
  const allowed = ISSUABLE_ROLES[actor.role] ?? [];
  if (!allowed.includes(input.role)) {
    throw invalid('role', `${ROLE_LABELS[actor.role]}不能创建${ROLE_LABELS[input.role] ?? input.role}账号`);
  }
  const username = (input.username || input.creditCode || '').trim().toLowerCase();
  if (!USERNAME_PATTERN.test(username)) throw invalid('username', '应为3至32位小写字母、数字或 _ . -，以字母或数字开头');
  const displayName = input.displayName.trim();
  if (displayName.length < 2 || displayName.length > 60) throw invalid('displayName', '应为2至60个字符');

  // A city authority issues only inside its own jurisdiction, whatever the form says.
  const jurisdictionCode = actor.role === 'city' ? actor.jurisdictionCode : input.jurisdictionCode || null;
  if ((input.role === 'city' || input.role === 'enterprise') && !jurisdictionCode)
    throw invalid('jurisdictionCode', '请选择所属地区');
  if (jurisdictionCode) {
    const [j] = await deps.db.select().from(jurisdictions).where(eq(jurisdictions.code, jurisdictionCode));
    if (!j) throw invalid('jurisdictionCode', '所选地区不存在');
  }

  let creditCode: string | undefined;
  if (input.role === 'enterprise') {
    const parsed = parseCreditCode(input.creditCode ?? '');
    if (!parsed.ok) throw invalid('creditCode', parsed.message);
    creditCode = parsed.value;
    if (input.contactPhone && !isMainlandMobile(input.contactPhone.trim())) throw invalid('contactPhone', '请输入11位手机号');
  }

  const initialPassword = generatePassword();
  const passwordHash = await hashPassword(initialPassword);

  return deps.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, username));
    if (taken) throw new AppError('CONFLICT', `账号：账号名 ${username} 已被使用`, 'username');
    let enterpriseId: string | null = null;
    if (creditCode) {
      const [existing] = await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.creditCode, creditCode));
      if (existing) throw new AppError('CONFLICT', '统一社会信用代码：该企业已有账号', 'creditCode');
      [{ id: enterpriseId }] = await tx
        .insert(enterprises)
        .values({
          name: displayName,
          creditCode,
          jurisdictionCode: jurisdictionCode!,
          contactName: input.contactName?.trim() || null,
          contactPhoneEnc: input.contactPhone?.trim() ? deps.crypto.encrypt(input.contactPhone.trim()) : null,
        })
        .returning({ id: enterprises.id });
    }
    const [created] = await tx
      .insert(accounts)
      .values({
        username,
        role: input.role,
        displayName,
        passwordHash,
        mustChangePassword: true,
        jurisdictionCode,
        enterpriseId,
        createdBy: actor.accountId,
      })
      .returning({ id: accounts.id });
    await recordAudit(tx, ctx, {
      action: 'account.created',
      outcome: 'success',
      targetType: 'account',
      targetId: created.id,
      jurisdictionCode,
      detail: { username, role: input.role, creditCode: creditCode ?? undefined },
    });
    return { id: created.id, username, initialPassword };
  });
}
