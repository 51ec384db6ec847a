import { z } from 'zod';

const database = z.enum(['pglite', 'postgres']).describe('数据库类型');

export const healthSchemas = {
  healthz: {
    response: {
      200: z.object({ status: z.literal('ok'), database }),
      503: z.object({
        status: z.enum(['migrating', 'unavailable']).describe('migrating：数据库尚未迁移；unavailable：无法连接'),
        database,
      }),
    },
  },
  // The document itself is not in the document.
  docs: { hide: true },
};
