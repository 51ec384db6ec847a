import { eq } from 'drizzle-orm';
import { isMainlandMobile, maskIdNumber, parseIdNumber } from '../../../shared/domain/id-number.js';
import { countAddressAttempt } from '../privacy/address-attempts.js';
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

/**
 * One answer for every "cannot register with these": ID number already has an
 * account, phone number in use, or an ID number known under another name.
 * Telling them apart would let anyone test whose numbers are in the system.
 */
export const CANNOT_REGISTER =
  '无法完成注册：该身份证号或手机号已注册（请直接登录），或姓名与身份证号不一致。如有疑问请联系报往地区的主管部门';

/** Registrations an address may attempt in the window, counted before any password is hashed. */
export const REGISTRATION_LIMIT = { attempts: 20, windowMinutes: 10 };

/**
 * 学员注册: ID number (GB 11643) + phone + password. Birth date and gender are derived.
 *
 * A person may already exist without an account (a filed legacy certificate
 * holder): the account attaches to them only when the name matches, and even
 * then it sees nothing of theirs (certificates, filings) until someone who
 * checked the person confirms the account (accounts.identityVerifiedAt).
 */
export async function registerCandidate(
  deps: Deps,
  ctx: RequestContext,
  input: RegisterCandidateInput,
): Promise<{ accountId: string; identityVerified: boolean }> {
  await countAddressAttempt(deps, ctx, 'register', REGISTRATION_LIMIT, '注册次数过多');
  const name = input.name.trim();
  const nameProblem = checkPersonName(name);
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
  return deps.db
    .transaction(async (tx) => {
      const [existing] = await tx
        .select({ id: persons.id, name: persons.name })
        .from(persons)
        .where(eq(persons.idNumberHash, idHash));
      const [hasAccount] = existing
        ? await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.personId, existing.id))
        : [];
      const [phoneTaken] = await tx.select({ id: persons.id }).from(persons).where(eq(persons.phoneHash, phoneHash));
      if (hasAccount || (existing && existing.name !== name) || (phoneTaken && phoneTaken.id !== existing?.id)) {
        await recordAudit(tx, ctx, {
          action: 'account.registration_refused',
          outcome: 'denied',
          detail: { idNumber: maskIdNumber(id.value.idNumber) },
        });
        // Committed with the refusal: the audit row stays, nothing else was written.
        return { refused: true as const };
      }
      const personId = existing
        ? // No account holds this person: the phone is the registrant's to set (login by phone follows it).
          (
            await tx
              .update(persons)
              .set({ phoneEnc: deps.crypto.encrypt(phone), phoneHash })
              .where(eq(persons.id, existing.id))
              .returning({ id: persons.id })
          )[0].id
        : (
            await tx
              .insert(persons)
              .values({
                name,
                idNumberEnc: deps.crypto.encrypt(id.value.idNumber),
                idNumberHash: idHash,
                idNumberMasked: maskIdNumber(id.value.idNumber),
                gender: id.value.gender,
                birthDate: id.value.birthDate,
                phoneEnc: deps.crypto.encrypt(phone),
                phoneHash,
              })
              .returning({ id: persons.id })
          )[0].id;
      const [account] = await tx
        .insert(accounts)
        .values({ role: 'candidate', displayName: name, passwordHash, personId })
        .returning({ id: accounts.id });
      await recordAudit(tx, ctx, {
        action: 'account.registered',
        outcome: 'success',
        targetType: 'account',
        targetId: account.id,
        detail: { existingPerson: Boolean(existing) },
      });
      return { accountId: account.id, identityVerified: false };
    })
    .then((result) => {
      if ('refused' in result) throw new AppError('CONFLICT', CANNOT_REGISTER);
      return result;
    });
}
