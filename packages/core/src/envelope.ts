import { type ErrorCode, statusForCode } from './errors.ts';

/** The seed's response envelope: `{ ok, request_id, data }` and `{ ok: false, error, message, details }`. */
export type OkEnvelope<T> = { ok: true; request_id: string; data: T };
export type ErrorEnvelope = {
  ok: false;
  request_id: string;
  error: ErrorCode;
  message: string;
  details: Record<string, unknown>;
};

/** The smallest reply surface both Fastify and tests satisfy. */
export type ReplyLike = {
  code(status: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(payload: unknown): unknown;
};

export function okEnvelope<T>(requestId: string, data: T): OkEnvelope<T> {
  return { ok: true, request_id: requestId, data };
}

export function errorEnvelope(
  requestId: string,
  error: ErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): ErrorEnvelope {
  return { ok: false, request_id: requestId, error, message, details };
}

export function sendOk<T>(reply: ReplyLike, requestId: string, data: T, status = 200): unknown {
  return reply
    .code(status)
    .header('content-type', 'application/json; charset=utf-8')
    .send(okEnvelope(requestId, data));
}

export function sendError(
  reply: ReplyLike,
  requestId: string,
  error: ErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): unknown {
  return reply
    .code(statusForCode(error))
    .header('content-type', 'application/json; charset=utf-8')
    .send(errorEnvelope(requestId, error, message, details));
}
