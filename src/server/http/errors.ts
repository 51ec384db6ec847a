import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERROR_STATUS, type ErrorBody, type ErrorCode, type ErrorDetail } from '../../shared/errors.js';
import { TransitionRefused } from '../../shared/domain/machine.js';
import { fieldLabel } from '../../shared/field-labels.js';

/** The one error type of the product: a stable code and a message a person can act on. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** Every problem when there are several (e.g. all failed eligibility rules). */
    readonly details?: ErrorDetail[],
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = '记录') => new AppError('NOT_FOUND', `${what}不存在或无权访问`);
export const invalid = (field: string, message: string) => new AppError('VALIDATION', `${fieldLabel(field)}：${message}`, field);

/** A reason the person must give (退回, 删除, 停用 …): trimmed, at least `min` characters. */
export function requireReason(reason: string | undefined, message: string, min = 2): string {
  const why = (reason ?? '').trim();
  if (why.length < min) throw invalid('reason', message);
  return why;
}

function body(code: ErrorCode, message: string, field?: string, details?: ErrorDetail[]): ErrorBody {
  return { error: { code, message, ...(field ? { field } : {}), ...(details ? { details } : {}) } };
}

/** Maps every error to HTTP in one place. Unknown errors are logged and answered generically. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send(body(err.code, err.message, err.field, err.details));
    }
    // A state machine (shared/domain/machine.ts) refused the action from the object's state.
    if (err instanceof TransitionRefused)
      return reply.status(ERROR_STATUS.INVALID_STATE).send(body('INVALID_STATE', err.message));
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issue = err.validation[0];
      const path = issue.instancePath.replace(/^\//, '').split('/')[0] ?? '';
      const label = path ? fieldLabel(path) : '请求内容';
      return reply.status(400).send(body('VALIDATION', `${label}：${issue.message}`, path || undefined));
    }
    if (err.statusCode === 415 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send(body('VALIDATION', '不支持的请求格式'));
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Malformed JSON, body too large and similar client errors.
      const message = err.statusCode === 413 ? '请求内容过大' : '请求格式错误';
      return reply.status(err.statusCode).send(body('VALIDATION', message));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send(body('INTERNAL', '系统繁忙，请稍后再试'));
  });
}

/** The first place in a parsed value where a string holds U+0000, as a field path. */
function nulAt(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value)) {
      const found = nulAt(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * PostgreSQL cannot store U+0000 in text, and no person types it: a NUL byte in
 * any parameter, query or JSON field is refused before validation with a
 * Chinese 400 naming the field (scanners send it to every route).
 */
export function refuseNulBytes(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const at = nulAt(part);
      if (at) {
        const field = at[0] ?? '';
        throw new AppError('VALIDATION', `${field ? fieldLabel(field) : '请求内容'}：不能包含空字符（\\0）`, field || undefined);
      }
    }
  });
}
