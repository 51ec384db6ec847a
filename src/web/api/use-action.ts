import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import { useRef } from 'react';
import { ApiError, errorMessage, newRequestKey } from './client';
import { TODOS_KEY } from './use-todos';

type ActionOptions<V, R> = {
  /** Said when it worked: a sentence, or one made from the answer. */
  success?: string | ((result: R, vars: V) => string);
  /** Lists and details to fetch again afterwards. */
  invalidates?: QueryKey[];
  /**
   * A creating action: one Idempotency-Key per intended object, kept until it
   * succeeds, so a repeated click or a retry creates nothing twice on the server.
   */
  idempotent?: boolean;
  onSuccess?: (result: R, vars: V) => void | Promise<void>;
  /** A refusal that names one of this form's fields is shown under that field instead of as a message. */
  form?: FormInstance;
  /** Handles a refusal itself (e.g. asks for a reason and tries again); true when it did, so nothing else is said. */
  onRefused?: (err: ApiError, vars: V) => boolean;
};

/**
 * Every button that changes something goes through here (TanStack Query's
 * useMutation): `pending` for its loading state, a second click while the
 * first is on its way is ignored, and success and error messages are said in
 * one place. `run` resolves to the answer, or undefined when it failed (the
 * error was shown already).
 */
export function useAction<V = void, R = unknown>(
  call: (vars: V, request: { idempotencyKey?: string }) => Promise<R>,
  options: ActionOptions<V, R> = {},
) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  // A ref, not the mutation's state: two clicks in one frame both see isPending false.
  const running = useRef(false);
  // One key per intended object: kept while the same submission is retried (a lost answer is then
  // replayed, not created twice), new as soon as anything in it differs (another registration, an edited form).
  const key = useRef<{ key: string; vars: string } | null>(null);
  const keyFor = (vars: V) => {
    const text = JSON.stringify(vars ?? null);
    if (key.current?.vars !== text) key.current = { key: newRequestKey(), vars: text };
    return key.current.key;
  };
  const mutation = useMutation({
    mutationFn: (vars: V) => call(vars, { idempotencyKey: options.idempotent ? keyFor(vars) : undefined }),
  });
  const run = async (vars: V): Promise<R | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    try {
      const result = await mutation.mutateAsync(vars);
      key.current = null;
      if (options.success) message.success(typeof options.success === 'string' ? options.success : options.success(result, vars));
      await Promise.all(
        [...(options.invalidates ?? []), TODOS_KEY, ['home']].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
      await options.onSuccess?.(result, vars);
      return result;
    } catch (err) {
      if (err instanceof ApiError && options.onRefused?.(err, vars)) return undefined;
      const field = err instanceof ApiError ? err.field : undefined;
      if (field && options.form && Object.hasOwn(options.form.getFieldsValue(), field))
        options.form.setFields([{ name: field, errors: [(err as ApiError).message] }]);
      else message.error(errorMessage(err));
      return undefined;
    } finally {
      running.current = false;
    }
  };
  return { run, pending: mutation.isPending };
}
