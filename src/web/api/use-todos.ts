import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Todo } from './types';

/** The to-do counts of the home page and the menu badges: one query for both, fetched again after every action. */
export const TODOS_KEY = ['home-todos'];

export function useTodos(): Todo[] {
  return (
    useQuery({ queryKey: TODOS_KEY, queryFn: () => api<{ todos: Todo[] }>('GET', '/api/home/todos'), refetchInterval: 60_000 })
      .data?.todos ?? []
  );
}
