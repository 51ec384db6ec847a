import { z } from 'zod';
import { ROLES } from '../../../shared/domain/roles.js';
import { pagingQuery } from '../../http/paging.js';
import { isoDateTime, policiesOf } from '../../http/schemas.js';
import { jurisdiction } from '../settings/settings.schemas.js';

export const accountStatuses = ['active', 'disabled', 'locked', 'password_pending'] as const;

const filterQuery = {
  role: z.enum(ROLES).optional(),
  status: z.enum(accountStatuses).optional(),
  keyword: z.string().trim().max(64).optional(),
  jurisdictionCode: z.string().max(16).optional(),
};
const idParams = z.object({ id: z.uuid('账号编号格式错误') });

export const accountRow = z.object({
  id: z.uuid(),
  username: z.string().nullable().describe('学员账号为空（以身份证号或手机号登录）'),
  role: z.enum(ROLES),
  roleLabel: z.string(),
  displayName: z.string(),
  jurisdictionCode: z.string().nullable(),
  jurisdictionName: z.string().nullable(),
  creditCode: z.string().nullable(),
  status: z.enum(accountStatuses),
  createdAt: isoDateTime,
  lastLoginAt: isoDateTime.nullable(),
  twoFactorEnrolled: z.boolean(),
  policies: policiesOf('disable', 'enable', 'unlock', 'resetPassword', 'resetTwoFactor'),
});

export const accountsSchemas = {
  jurisdictions: { response: { 200: z.array(jurisdiction) } },
  list: {
    querystring: z.object({ ...filterQuery, ...pagingQuery }),
    response: {
      200: z.object({
        total: z.number().int(),
        rows: z.array(accountRow),
        manageableRoles: z.array(z.enum(ROLES)).readonly().describe('本账号可管理的角色（角色筛选项）'),
        issuableRoles: z.array(z.enum(ROLES)).readonly().describe('本账号可新建的角色'),
      }),
    },
  },
  export: { querystring: z.object(filterQuery) },
  create: {
    response: { 200: z.object({ id: z.uuid(), username: z.string(), initialPassword: z.string().describe('仅此一次显示') }) },
    body: z.object({
      role: z.enum(ROLES, '请选择角色'),
      username: z.string().max(32, '不能超过32个字符').default(''),
      displayName: z.string().max(60, '不能超过60个字符'),
      jurisdictionCode: z.string().max(16).optional(),
      creditCode: z.string().max(18, '应为18位').optional(),
      contactName: z.string().max(30).optional(),
      contactPhone: z.string().max(11, '应为11位').optional(),
    }),
  },
  disable: { params: idParams, body: z.object({ reason: z.string().max(200, '不能超过200个字符') }) },
  byId: { params: idParams },
  resetPassword: { params: idParams, response: { 200: z.object({ temporaryPassword: z.string().describe('仅此一次显示') }) } },
};
