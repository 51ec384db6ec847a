import { eq } from 'drizzle-orm';
import { isMainlandMobile, maskIdNumber, parseIdNumber } from '../../../shared/domain/id-number.js';
import { checkPassword } from '../../../shared/domain/password-policy.js';
import type { Deps } from '../../deps.js';
import { accounts, persons } from '../../db/schema/index.js';
import type { RequestContext } from '../../http/actor.js';
import { AppError, invalid } from '../../http/errors.js';
import { hashPassword } from '../../security/passwords.js';
import { recordAudit } from '../audit/record-audit.js';
import { getSecurityPolicy } from '../settings/security-policy.js';

export type RegisterCandidateInput = { name: string; idNumber: string; phone: string; password: string };

export function checkPersonName(name: string): string | null {
  const value = name.trim();
  if (value.length < 2 || value.length > 30) return '姓名应为2至30个字符';
  if (!/^[\u4e00-\u9fa5A-Za-z·•.\s]+$/.test(value)) return '姓名只能包含汉字、字母和间隔号';
  return null;
}

/** 学员注册: ID number (GB 11643) + phone + password. Birth date and gender are derived. */
export async function registerCandidate(
  deps: Deps,
  ctx: RequestContext,
  input: RegisterCandidateInput,
): Promise<{ accountId: string }> {
  const nameProblem = checkPersonName(input.name);
  if (nameProblem) throw invalid('name', nameProblem);
  const today = deps.now().toISOString().slice(0, 10);
  const id = parseIdNumber(input.idNumber, today);
  if (!id.ok) throw invalid('idNumber', id.message);
  const phone = input.phone.trim();
  if (!isMainlandMobile(phone)) throw invalid('phone', '请输入11位手机号');
  const problem = checkPassword(input.password, await getSecurityPolicy(deps.db));
  if (problem) throw invalid('password', problem);

  const idHash = deps.crypto.lookupHash('id', id.value.idNumber);
  const phoneHash = deps.crypto.lookupHash('phone', phone);
  const passwordHash = await hashPassword(input.password);

  return deps.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: persons.id }).from(persons).where(eq(persons.idNumberHash, idHash));
    if (existing) {
      const [hasAccount] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.personId, existing.id));
      if (hasAccount) throw new AppError('CONFLICT', '身份证号：该身份证号已注册，请直接登录', 'idNumber');
    }
    const [phoneTaken] = await tx.select({ id: persons.id }).from(persons).where(eq(persons.phoneHash, phoneHash));
    if (phoneTaken && phoneTaken.id !== existing?.id) {
      throw new AppError('CONFLICT', '手机号：该手机号已被其他账号使用', 'phone');
    }
    // A person may already exist (e.g. a filed legacy certificate holder): the account attaches to it.
    const personId = existing
      ? (await tx.update(persons).set({ phoneEnc: deps.crypto.encrypt(phone), phoneHash }).where(eq(persons.id, existing.id)).returning({ id: persons.id }))[0].id
      : (await tx.insert(persons).values({
          name: input.name.trim(),
          idNumberEnc: deps.crypto.encrypt(id.value.idNumber),
          idNumberHash: idHash,
          idNumberMasked: maskIdNumber(id.value.idNumber),
          gender: id.value.gender,
          birthDate: id.value.birthDate,
          phoneEnc: deps.crypto.encrypt(phone),
          phoneHash,
        }).returning({ id: persons.id }))[0].id;
    const [account] = await tx
      .insert(accounts)
      .values({ role: 'candidate', displayName: input.name.trim(), passwordHash, personId })
      .returning({ id: accounts.id });
    await recordAudit(tx, ctx, { action: 'account.registered', outcome: 'success', targetType: 'account', targetId: account.id });
    return { accountId: account.id };
  });
}
