import { SwitchboardError, ValidationError, type ValidationIssue } from '@switchboard/core/shared';

/** An RFC 9457 problem, as the API sends it (`application/problem+json`). */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail?: string;
  readonly instance?: string;
  readonly issues?: readonly ValidationIssue[];
}

/** The media type of every error response. */
export const PROBLEM_TYPE = 'application/problem+json';

const STATUS_OF_CODE: Readonly<Record<string, number>> = {
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  DUPLICATE_ID: 409,
  INVALID_TRANSITION: 409,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  DISPOSED: 503,
  UNAVAILABLE: 503,
};

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** A problem with `code`, `status` (from the code unless given), detail and issues. */
export function problem(
  code: string,
  detail: string,
  options: { status?: number; issues?: readonly ValidationIssue[]; instance?: string } = {},
): Problem {
  const status = options.status ?? STATUS_OF_CODE[code] ?? 500;
  return {
    type: `https://switchboard.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    ...(options.instance === undefined ? {} : { instance: options.instance }),
    ...(options.issues === undefined ? {} : { issues: options.issues }),
  };
}

/**
 * The problem for an error a command threw: a `SwitchboardError` keeps its code (validation issues
 * included); anything else is an internal error whose details stay in the log.
 */
export function problemFromError(error: unknown, instance?: string): Problem {
  const where = instance === undefined ? {} : { instance };
  if (error instanceof ValidationError) {
    return problem(error.code, error.message, {
      ...where,
      issues: error.issues.map((i) => ({
        path: i.path.replace(/^\$/, '$.body'),
        message: i.message,
      })),
    });
  }
  if (error instanceof SwitchboardError) {
    const status = STATUS_OF_CODE[error.code] ?? 400;
    return problem(error.code, error.message, { ...where, status });
  }
  return problem('INTERNAL', 'an unexpected error occurred; it has been logged', {
    ...where,
    status: 500,
  });
}
