import { useSearchParams } from 'react-router';

/**
 * A list's structural filters (状态, 类别, dates, 即将到期) kept in the address,
 * so a list can be bookmarked, shared, and opened filtered from a home-page
 * count. Only these: names and ID numbers typed into a search box stay out of
 * the address (browser history and proxies keep addresses). A key absent from
 * the address takes its default; an empty value means 全部.
 */
export function useUrlFilters<K extends string>(
  defaults: Record<K, string>,
): [Record<K, string>, (patch: Partial<Record<K, string>>) => void] {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(
    (Object.keys(defaults) as K[]).map((k) => [k, params.has(k) ? params.get(k)! : defaults[k]]),
  ) as Record<K, string>;
  const set = (patch: Partial<Record<K, string>>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(patch) as [K, string | undefined][]) {
          if ((v ?? '') === defaults[k]) next.delete(k);
          else next.set(k, v ?? '');
        }
        return next;
      },
      { replace: true },
    );
  };
  return [values, set];
}
