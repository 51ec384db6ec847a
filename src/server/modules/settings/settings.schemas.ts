import { z } from 'zod';
import { CATEGORY_CODES } from '../../../shared/domain/categories.js';
import { securityPolicyChangeSchema, securityPolicySchema } from '../../../shared/domain/security-policy.js';

const hours = (min: number, max: number) =>
  z.number().int('应为整数').min(min, `不能少于${min}学时`).max(max, `不能超过${max}学时`);
const mark = z.number().int('应为整数').min(1, '不能低于1分').max(100, '不能高于100分');

export const jurisdiction = z.object({ code: z.string(), name: z.string(), letter: z.string(), sortOrder: z.number().int() });

export const settingsSchemas = {
  province: { response: { 200: z.object({ name: z.string(), abbreviation: z.string(), jurisdictions: z.array(jurisdiction) }) } },
  studyRules: {
    response: {
      200: z.object({
        requiredHours: z.record(z.string(), z.number().int()).describe('每个类别/工种所需学时'),
        dailyCapHours: z.number().int(),
        continuingHours: z.number().int(),
      }),
    },
  },
  changeStudyRules: {
    body: z.object({
      requiredHours: z.partialRecord(z.enum(CATEGORY_CODES), hours(1, 200)),
      dailyCapHours: hours(1, 12),
      continuingHours: hours(1, 200).optional(),
    }),
  },
  passMarks: { response: { 200: z.object({ safety: mark, theory: mark, practical: mark }) } },
  changePassMarks: { body: z.object({ safety: mark, theory: mark, practical: mark }) },
  securityPolicy: { response: { 200: securityPolicySchema } },
  changeSecurityPolicy: { body: securityPolicyChangeSchema },
};
