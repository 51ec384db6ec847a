import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TablePaginationConfig } from 'antd';
import { useState } from 'react';
import { api, download, toQuery } from './client';
import { useUrlFilters } from './use-url-filters';

type ListAnswer<T> = T[] | { total: number; rows: T[] };

type ListQueryOptions<F extends string> = {
  /** The list's API: answers rows, or a page `{ total, rows }` when `paged`. */
  url: string;
  /** Query key of the list (actions invalidate it by this name). */
  queryKey: string;
  /** Structural filters (状态, 类别, 地区, 即将到期) and their defaults; kept in the address. */
  filters: Record<F, string>;
  /** The server pages the list: 页码 and 每页条数 join the address too. */
  paged?: boolean;
  pageSize?: number;
  /** The count's unit in 共 N 条 (本 for certificates, 人 for people). */
  unit?: string;
};

/**
 * Every list's state in one place: structural filters and the page in the
 * address (a list can be bookmarked, shared, and opened filtered from a home
 * count), a search text kept out of it (names and ID numbers are personal data
 * and browsers keep addresses), the query, 共 N 条 paging for `<ListTable>`, and
 * 导出Excel with exactly the filters on screen.
 */
export function useListQuery<T, F extends string = never>(opts: ListQueryOptions<F>) {
  const pageSize = String(opts.pageSize ?? 20);
  const [url, setUrl] = useUrlFilters<F | 'page' | 'pageSize'>({ ...opts.filters, page: '1', pageSize } as Record<
    F | 'page' | 'pageSize',
    string
  >);
  // What is typed (姓名, 身份证号, 关键字) stays in memory, never in the address.
  const [typed, setTyped] = useState<Record<string, string>>({});
  const { page, pageSize: size, ...structural } = url;
  const filter: Record<string, string> = { ...(structural as Record<F, string>), ...typed };
  const query = toQuery({ ...filter, ...(opts.paged ? { page, pageSize: size } : {}) });
  const result = useQuery({
    queryKey: [opts.queryKey, query],
    queryFn: () => api<ListAnswer<T>>('GET', `${opts.url}${query}`),
    // The rows stay on screen while the next page loads, instead of an empty table flashing.
    placeholderData: keepPreviousData,
  });
  const data = result.data;
  const rows = Array.isArray(data) ? data : data?.rows;
  const total = Array.isArray(data) ? data.length : (data?.total ?? 0);
  const unit = opts.unit ?? '条';
  const pagination: TablePaginationConfig = opts.paged
    ? {
        current: Number(page) || 1,
        pageSize: Number(size) || 20,
        total,
        showSizeChanger: true,
        showTotal: (n) => `共 ${n} ${unit}`,
        onChange: (next, nextSize) =>
          setUrl({ page: String(next), pageSize: String(nextSize) } as Partial<Record<F | 'page' | 'pageSize', string>>),
      }
    : { pageSize: Number(pageSize), showTotal: (n) => `共 ${n} ${unit}` };
  return {
    ...result,
    rows,
    total,
    /** The answer itself, for lists that carry more than rows. */
    answer: data,
    filter,
    /**
     * Changes filters and goes back to the first page: the structural ones in the
     * address, any other key (q, name, idNumber …) as typed search text in memory.
     */
    setFilter: (patch: Partial<Record<F, string>> & Record<string, string | undefined>) => {
      const toUrl: Record<string, string> = { page: '1' };
      const toTyped: Record<string, string> = {};
      for (const [k, v] of Object.entries(patch)) (k in opts.filters ? toUrl : toTyped)[k] = v ?? '';
      if (Object.keys(toTyped).length) setTyped((current) => ({ ...current, ...toTyped }));
      setUrl(toUrl as Partial<Record<F | 'page' | 'pageSize', string>>);
    },
    pagination,
    /** Downloads the list's Excel (or another export) with the filters on screen, paging aside. */
    exportTo: (path: string) => download(`${path}${toQuery(filter)}`),
  };
}
