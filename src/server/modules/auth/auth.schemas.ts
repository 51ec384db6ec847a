import { z } from 'zod';
import { ABILITY_ROUTES, type Ability } from '../../../shared/abilities.js';
import { ROLES } from '../../../shared/domain/roles.js';

/** The signed-in account as the web shell shows it (personal numbers masked), with what its screens may offer. */
export const me = z.object({
  id: z.uuid(),
  role: z.enum(ROLES),
  roleLabel: z.string(),
  displayName: z.string(),
  username: z.string().nullable(),
  jurisdictionCode: z.string().nullable(),
  jurisdictionName: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  maskedIdNumber: z.string().nullable(),
  maskedPhone: z.string().nullable(),
  age: z.number().int().nullable(),
  identityVerified: z.boolean(),
  gender: z.enum(['male', 'female']).nullable(),
  mustChangePassword: z.boolean(),
  mustEnrolTwoFactor: z.boolean(),
  can: z
    .object(Object.fromEntries(Object.keys(ABILITY_ROUTES).map((a) => [a, z.boolean()])) as Record<Ability, z.ZodBoolean>)
    .describe('页面级操作：每项对应一个接口，按该接口自身的访问声明回答'),
  scope: z.enum(['province', 'jurisdiction', 'enterprise', 'person', 'none']).describe('列表数据的范围'),
});

export const authSchemas = {
  me: { response: { 200: z.object({ account: me.nullable() }) } },
};
