import { eq } from 'drizzle-orm';
import { ageOn } from '../../../shared/domain/eligibility.js';
import { maskPhone } from '../../../shared/domain/id-number.js';
import { ROLE_LABELS } from '../../../shared/domain/roles.js';
import type { Deps } from '../../deps.js';
import { enterprises, jurisdictions, persons } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { listScopeOf } from '../../http/route-access.js';
import type { Abilities, ListScope } from '../../../shared/abilities.js';

export type Me = {
  id: string;
  role: Actor['role'];
  roleLabel: string;
  displayName: string;
  username: string | null;
  jurisdictionCode: string | null;
  jurisdictionName: string | null;
  enterpriseName: string | null;
  maskedIdNumber: string | null;
  maskedPhone: string | null;
  /** Candidates: full years, derived from the ID number (the birth date itself would complete the mask). */
  age: number | null;
  /** Candidates: false until someone who checked the person confirmed the account (see accounts.identityVerifiedAt). */
  identityVerified: boolean;
  gender: 'male' | 'female' | null;
  mustChangePassword: boolean;
  /** Signed in, but the security policy wants a second factor enrolled before anything else. */
  mustEnrolTwoFactor: boolean;
  /** The page-level actions this account's routes accept (see shared/abilities.ts). */
  can: Abilities;
  /** Whose rows its lists hold. */
  scope: ListScope;
};

/** The caller's own account as the web shell shows it; personal numbers masked. */
export async function describeMe(deps: Deps, actor: Actor): Promise<Me> {
  const [j] = actor.jurisdictionCode
    ? await deps.db.select({ name: jurisdictions.name }).from(jurisdictions).where(eq(jurisdictions.code, actor.jurisdictionCode))
    : [];
  const [e] = actor.enterpriseId
    ? await deps.db.select({ name: enterprises.name }).from(enterprises).where(eq(enterprises.id, actor.enterpriseId))
    : [];
  const [p] = actor.personId ? await deps.db.select().from(persons).where(eq(persons.id, actor.personId)) : [];
  return {
    id: actor.accountId,
    role: actor.role,
    roleLabel: ROLE_LABELS[actor.role],
    displayName: actor.displayName,
    username: actor.username,
    jurisdictionCode: actor.jurisdictionCode,
    jurisdictionName: j?.name ?? null,
    enterpriseName: e?.name ?? null,
    maskedIdNumber: p?.idNumberMasked ?? null,
    maskedPhone: p?.phoneEnc ? maskPhone(deps.crypto.decrypt(p.phoneEnc)) : null,
    identityVerified: actor.role !== 'candidate' || actor.identityVerified === true,
    age: p ? ageOn(p.birthDate, deps.now().toISOString().slice(0, 10)) : null,
    gender: p?.gender ?? null,
    mustChangePassword: actor.mustChangePassword,
    mustEnrolTwoFactor: actor.mustEnrolTwoFactor ?? false,
    can: deps.routeAccess.abilitiesOf(actor.role),
    scope: listScopeOf(actor.role),
  };
}
