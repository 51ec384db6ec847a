import { z } from 'zod';

const idParams = z.object({ id: z.uuid('账号编号格式错误') });

/** A candidate account waiting for 身份确认 (unconfirmed-accounts.ts); personal numbers masked. */
export const unconfirmedAccount = z.object({
  id: z.uuid(),
  name: z.string(),
  maskedIdNumber: z.string().describe('脱敏身份证号'),
  maskedPhone: z.string().nullable().describe('脱敏手机号'),
  registeredAt: z.string().describe('注册时间，北京时间 YYYY-MM-DD HH:mm:ss（已格式化）'),
  certificates: z.string().describe('本单位/本地区的证书编号，以“、”分隔；无则为空串'),
});

export const identitySchemas = {
  list: { response: { 200: z.object({ rows: z.array(unconfirmedAccount) }) } },
  confirm: { params: idParams },
  detach: { params: idParams, body: z.object({ reason: z.string().max(200, '不能超过200个字符') }) },
};
