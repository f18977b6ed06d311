import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiError, type ErrorCode } from '@keel/core/errors';
import { errorEnvelope } from '@keel/core/envelope';
import { toApiError } from '@keel/api/trpc';

/** Fastify's own errors (body parsing, size, rate limit) mapped onto our codes. */
function fromFastifyError(error: FastifyError): ApiError | null {
  const status = error.statusCode ?? 0;
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
    return new ApiError('payload_too_large', 'The request body is larger than the 64 KB limit.');
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) {
    return new ApiError('unsupported_media_type', 'Send the body as application/json.');
  }
  if (error.code?.startsWith('FST_ERR_CTP_') || error instanceof SyntaxError) {
    return new ApiError('bad_request', `The request body could not be parsed: ${error.message}`);
  }
  if (status === 429) return new ApiError('rate_limited', 'Too many requests. Slow down and retry shortly.');
  if (error.validation) return new ApiError('validation_error', error.message);
  if (status >= 400 && status < 500) return new ApiError(codeForStatus(status), error.message);
  return null;
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 405) return 'method_not_allowed';
  if (status === 409) return 'conflict';
  return 'bad_request';
}

/** Every error leaves as the seed's error envelope; 5xx details stay in the log. */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    const apiError = fromFastifyError(error) ?? toApiError(error);
    if (apiError.status >= 500) req.log.error({ err: error }, 'request failed');
    else req.log.info({ code: apiError.code, msg: apiError.message }, 'request rejected');
    if (apiError.code === 'rate_limited') {
      const retry = apiError.details?.retryAfterSeconds;
      reply.header('retry-after', String(typeof retry === 'number' ? retry : 60));
    }
    // A 503 says what is unavailable (the database, …); other 5xx keep their details in the log.
    const hidden = apiError.status >= 500 && apiError.code !== 'unavailable';
    const message = hidden
      ? 'Something went wrong on our side. It has been logged; retry shortly.'
      : apiError.message;
    if (apiError.code === 'unavailable') reply.header('retry-after', '5');
    reply
      .code(apiError.status)
      .send(
        errorEnvelope(req.id, apiError.code, message, apiError.status >= 500 ? {} : (apiError.details ?? {})),
      );
  });

  app.setNotFoundHandler((req, reply) => {
    reply
      .code(404)
      .send(
        errorEnvelope(
          req.id,
          'not_found',
          `No route ${req.method} ${req.url.split('?')[0]}. See GET /openapi.json for the API.`,
        ),
      );
  });
}
