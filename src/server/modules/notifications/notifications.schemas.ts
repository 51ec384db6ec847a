import { z } from 'zod';
import { pagingQuery } from '../../http/paging.js';
import { isoDateTime } from '../../http/schemas.js';

export const notification = z.object({
  id: z.uuid(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable().describe('站内链接，如 /extensions'),
  readAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});

export const notificationsSchemas = {
  list: {
    querystring: z.object(pagingQuery),
    response: { 200: z.object({ total: z.number().int(), unread: z.number().int(), rows: z.array(notification) }) },
  },
  read: { params: z.object({ id: z.uuid('消息编号格式错误') }) },
};
