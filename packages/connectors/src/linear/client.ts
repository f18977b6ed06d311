import type { ConnectorConfig } from '../credentials.ts';
import { ConnectorError } from '../errors.ts';
import { callVendor, sleep } from '../http.ts';
import type { SyncDeps } from '../types.ts';
import { asObject } from '../vendor-json.ts';
import { vendorFetchFor } from '../vendor-fetch.ts';

/**
 * Linear GraphQL over plain fetch (external-apis.md §2). A personal key goes raw in
 * `Authorization`, an OAuth token with `Bearer`. Linear throttles with HTTP 400 and
 * `RATELIMITED`, and announces its budget in headers: when the budget runs low we wait for the
 * reset instead of burning the remaining requests on errors.
 */
export type GraphqlResult = { data: Record<string, unknown>; headers: Headers };

/** Below this many requests (or complexity points) left, pause until the window resets. */
const LOW_REQUESTS = 5;
const LOW_COMPLEXITY = 20_000;
const MAX_BUDGET_WAIT_MS = 60_000;

export function authorizationHeader(token: string): string {
  return token.startsWith('lin_api_') || token.startsWith('Bearer ') ? token : `Bearer ${token}`;
}

export function createLinearClient(config: ConnectorConfig, deps: SyncDeps) {
  const headers = { authorization: authorizationHeader(config.token) };
  let pauseUntil = 0;

  async function request(query: string, variables: Record<string, unknown>): Promise<GraphqlResult> {
    const wait = pauseUntil - Date.now();
    if (wait > 0) await sleep(Math.min(wait, MAX_BUDGET_WAIT_MS), deps.signal);
    const seen: { code: string | null } = { code: null };
    let res: Awaited<ReturnType<typeof callVendor>>;
    try {
      res = await callVendor(
        { connector: 'linear', method: 'POST', url: config.baseUrl, headers, body: { query, variables } },
        {
          ...deps,
          fetchImpl: noteErrorCode(deps.fetchImpl ?? vendorFetchFor(deps.env.CONNECTOR_EGRESS_ALLOW), seen),
        },
      );
    } catch (error) {
      throw classifyLinearError(error, seen.code);
    }
    noteBudget(res.headers);
    const body = res.json as {
      data?: unknown;
      errors?: Array<{ message?: string; extensions?: { code?: string } }>;
    };
    if (Array.isArray(body?.errors) && body.errors.length > 0) {
      const first = body.errors[0];
      const code = first?.extensions?.code;
      if (code === 'RATELIMITED')
        throw new ConnectorError('rate_limited', 'linear: rate limited', { status: 400 });
      if (code === 'AUTHENTICATION_ERROR')
        throw new ConnectorError('auth', 'linear: the API key was rejected');
      // Partial data with errors is still a failure: a missing field would be read as null.
      throw new ConnectorError('http', `linear: ${first?.message ?? 'GraphQL error'}`, {
        status: res.status,
      });
    }
    if (!body?.data || typeof body.data !== 'object')
      throw new ConnectorError('bad_payload', 'linear: response has no data');
    return { data: body.data as Record<string, unknown>, headers: res.headers };
  }

  function noteBudget(h: Headers): void {
    const requests = Number(h.get('x-ratelimit-requests-remaining') ?? Number.NaN);
    const complexity = Number(h.get('x-ratelimit-complexity-remaining') ?? Number.NaN);
    const lowRequests = Number.isFinite(requests) && requests < LOW_REQUESTS;
    const lowComplexity = Number.isFinite(complexity) && complexity < LOW_COMPLEXITY;
    if (!lowRequests && !lowComplexity) return;
    const reset = Number(h.get(lowRequests ? 'x-ratelimit-requests-reset' : 'x-ratelimit-complexity-reset'));
    // Resets are epoch milliseconds.
    if (Number.isFinite(reset)) pauseUntil = Math.min(reset, Date.now() + MAX_BUDGET_WAIT_MS);
    deps.logger.info({ requests, complexity }, 'linear budget low; pausing until reset');
  }

  return { request };
}

/** The GraphQL `extensions.code` of a failed response's first error, or null. */
export function graphqlErrorCode(json: unknown): string | null {
  const errors = asObject(json)?.errors;
  const first = Array.isArray(errors) ? asObject(errors[0]) : null;
  const code = asObject(first?.extensions)?.code;
  return typeof code === 'string' ? code : null;
}

/**
 * Wraps the transport to keep the GraphQL error code of a refused response (the shared HTTP
 * layer turns a 4xx into an error that carries only its status and message).
 */
function noteErrorCode(fetchImpl: typeof fetch, seen: { code: string | null }): typeof fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    if (response.status === 400 || response.status === 429) {
      try {
        seen.code = graphqlErrorCode(await response.clone().json());
      } catch {
        seen.code = null;
      }
    }
    return response;
  };
}

/**
 * Linear throttles with HTTP 400 and `errors[].extensions.code = "RATELIMITED"` (its docs), and
 * its SDK also treats HTTP 429 as a throttle: both become a retryable `rate_limited`, recognised
 * by the code, never by the message text.
 */
export function classifyLinearError(error: unknown, code: string | null): unknown {
  if (
    error instanceof ConnectorError &&
    error.kind === 'http' &&
    error.status === 400 &&
    code === 'RATELIMITED'
  ) {
    return new ConnectorError('rate_limited', 'linear: rate limited', { status: 400 });
  }
  return error;
}

export type LinearClient = ReturnType<typeof createLinearClient>;
