/** Stable error codes shared by server and web; the message shown is always Chinese. */
export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  TWO_FACTOR_ENROLMENT_REQUIRED: 403,
  CSRF: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Body of every error answer: never a stack trace, never SQL. */
export type ErrorDetail = { field: string; message: string };
export type ErrorBody = { error: { code: ErrorCode; message: string; field?: string; details?: ErrorDetail[] } };
