import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api/client';
import type { Me } from './api/types';

export const ME_KEY = ['me'] as const;

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: () => api<{ account: Me | null }>('GET', '/api/auth/me'), staleTime: 60_000 });
}

export function useSetMe() {
  const client = useQueryClient();
  return (account: Me | null) => client.setQueryData(ME_KEY, { account });
}

/** The signed-in account (pages under the app shell only: the shell waits for it). */
export function useAccount(): Me {
  return useMe().data!.account!;
}
