import { z } from 'zod';

export const pagingQuery = {
  page: z.coerce.number().int().min(1, '应不小于1').default(1),
  pageSize: z.coerce.number().int().min(1, '应不小于1').max(100, '不能超过100').default(20),
};

/** Exports are capped so one click cannot ask the database for the whole province at once. */
export const EXPORT_LIMIT = 10_000;
