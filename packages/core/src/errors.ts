/**
 * One error type for the whole product. Domain code throws ApiError with a string code;
 * the HTTP status and the tRPC code come from this single table.
 */
export const ERROR_CODES = {
  bad_request: { status: 400, trpc: 'BAD_REQUEST' },
  validation_error: { status: 400, trpc: 'BAD_REQUEST' },
  unauthorized: { status: 401, trpc: 'UNAUTHORIZED' },
  csrf_failed: { status: 403, trpc: 'FORBIDDEN' },
  forbidden: { status: 403, trpc: 'FORBIDDEN' },
  not_found: { status: 404, trpc: 'NOT_FOUND' },
  method_not_allowed: { status: 405, trpc: 'METHOD_NOT_SUPPORTED' },
  project_required: { status: 409, trpc: 'CONFLICT' },
  conflict: { status: 409, trpc: 'CONFLICT' },
  payload_too_large: { status: 413, trpc: 'PAYLOAD_TOO_LARGE' },
  unsupported_media_type: { status: 415, trpc: 'UNSUPPORTED_MEDIA_TYPE' },
  unprocessable: { status: 422, trpc: 'UNPROCESSABLE_CONTENT' },
  rate_limited: { status: 429, trpc: 'TOO_MANY_REQUESTS' },
  internal_error: { status: 500, trpc: 'INTERNAL_SERVER_ERROR' },
  upstream_error: { status: 502, trpc: 'BAD_GATEWAY' },
  unavailable: { status: 503, trpc: 'SERVICE_UNAVAILABLE' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
export type TrpcErrorCode = (typeof ERROR_CODES)[ErrorCode]['trpc'];

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

export function statusForCode(code: ErrorCode): number {
  return ERROR_CODES[code].status;
}

/** Reverse lookup used when a tRPC error crosses back into the REST envelope. */
export function codeForTrpc(trpcCode: string): ErrorCode {
  for (const [code, entry] of Object.entries(ERROR_CODES)) {
    if (entry.trpc === trpcCode) return code as ErrorCode;
  }
  return 'internal_error';
}
