import { z } from 'zod';

export const pagingQuery = {
  page: z.coerce.number().int().min(1, '应不小于1').default(1),
  pageSize: z.coerce.number().int().min(1, '应不小于1').max(100, '不能超过100').default(20),
};

/** Exports are capped so one click cannot ask the database for the whole province at once. */
export const EXPORT_LIMIT = 10_000;

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 is refused). */
export const dateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, '日期不存在');

/**
 * A page whose rows carry the total (`total: sql\`(${countQuery})::int\``, an uncorrelated count
 * subquery PostgreSQL runs once): one round trip per page. Past the last page no row carries it,
 * and it is counted on its own.
 */
export async function pageWithTotal<R extends { total: number }>(
  rows: R[],
  paging: { page: number },
  countAlone: () => Promise<number>,
): Promise<{ total: number; rows: R[] }> {
  const total = rows[0]?.total ?? (paging.page > 1 ? await countAlone() : 0);
  return { total, rows };
}
