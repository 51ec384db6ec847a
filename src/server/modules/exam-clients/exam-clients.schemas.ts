import { z } from 'zod';
import { isoDateTime, policiesOf } from '../../http/schemas.js';

export const examClient = z.object({
  id: z.uuid(),
  name: z.string(),
  keyId: z.string().describe('AGT-HMAC 签名中的 keyId'),
  createdAt: isoDateTime,
  revokedAt: isoDateTime.nullable(),
  policies: policiesOf('revoke'),
});

export const examClientsSchemas = {
  list: { response: { 200: z.object({ rows: z.array(examClient) }) } },
  issue: {
    body: z.object({ name: z.string().max(60, '不能超过60个字符') }),
    response: {
      200: z.object({
        id: z.uuid(),
        keyId: z.string(),
        secret: z.string().describe('仅此一次显示；作为文本直接用作 HMAC 密钥（不做 hex/base64 解码）'),
      }),
    },
  },
  revoke: { params: z.object({ id: z.uuid('凭证编号格式错误') }) },
};
