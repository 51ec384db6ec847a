import type { ErrorBody, ErrorCode, ErrorDetail } from '../../shared/errors';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
  }
}

export function csrfToken(): string {
  const match = document.cookie.match(/(?:^|;\s*)agt_csrf=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : '';
}

/** Where the app goes when the server says the session is gone, the password must change or a second factor must be enrolled. */
let onAuthProblem: (code: ErrorCode) => void = () => undefined;
export function setAuthProblemHandler(handler: (code: ErrorCode) => void): void {
  onAuthProblem = handler;
}

/** A fresh Idempotency-Key (crypto.getRandomValues works on plain http too, unlike randomUUID). */
export function newRequestKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
  options: { idempotencyKey?: string } = {},
): Promise<T> {
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method !== 'GET' ? { 'x-csrf-token': csrfToken() } : {}),
      ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) {
    let error: ErrorBody['error'] = { code: 'INTERNAL', message: `服务器错误（${response.status}），请稍后再试` };
    try {
      error = ((await response.json()) as ErrorBody).error ?? error;
    } catch {
      /* keep the generic message */
    }
    if (['SESSION_EXPIRED', 'PASSWORD_CHANGE_REQUIRED', 'TWO_FACTOR_ENROLMENT_REQUIRED'].includes(error.code))
      onAuthProblem(error.code);
    throw new ApiError(response.status, error.code, error.message, error.field, error.details);
  }
  return (await response.json()) as T;
}

/** Query string from a filter object, leaving out empty values. */
export function toQuery(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Downloads an Excel export through the browser (the session cookie goes along). */
export function download(url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** The Chinese message to show for a failed call. */
export function errorMessage(err: unknown, fallback = '操作失败，请稍后再试'): string {
  return err instanceof ApiError ? err.message : fallback;
}
