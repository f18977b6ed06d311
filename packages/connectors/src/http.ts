import { fetchWithRetry, parseRetryAfter, redactUrl } from '@keel/core/http';
import { ConnectorError, toConnectorError } from './errors.ts';
import type { SyncDeps } from './types.ts';
import { vendorFetchFor } from './vendor-fetch.ts';

/**
 * One JSON call to a vendor through fetchWithRetry (which already retries 408/425/429/5xx and
 * honours Retry-After). Secrets travel only in `headers`; URLs in errors and logs are redacted.
 */
export type VendorCall = {
  connector: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  body?: unknown;
};

export type VendorResponse = { status: number; json: unknown; headers: Headers };

export async function callVendor(call: VendorCall, deps: SyncDeps): Promise<VendorResponse> {
  const http = deps.http ?? {};
  deps.onRequest?.({ connector: call.connector, method: call.method, url: call.url, body: call.body });
  let response: Response;
  try {
    response = await fetchWithRetry(call.url, {
      method: call.method,
      headers: {
        accept: 'application/json',
        ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...call.headers,
      },
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
      ...(http.timeoutMs !== undefined ? { timeoutMs: http.timeoutMs } : {}),
      ...(http.retries !== undefined ? { retries: http.retries } : {}),
      ...(http.backoffMs !== undefined ? { backoffMs: http.backoffMs } : {}),
      ...(http.maxRetryAfterMs !== undefined ? { maxRetryAfterMs: http.maxRetryAfterMs } : {}),
      ...(deps.signal ? { signal: deps.signal } : {}),
      // The egress policy applies to every connection (see egress-policy.ts); tests may inject fetch.
      fetchImpl: deps.fetchImpl ?? vendorFetchFor(deps.env.CONNECTOR_EGRESS_ALLOW),
      onRetry: (info) => deps.logger.debug({ connector: call.connector, ...info }, 'vendor request retried'),
    });
  } catch (error) {
    if (deps.signal?.aborted) throw new ConnectorError('aborted', 'Sync aborted');
    throw toConnectorError(error);
  }
  const text = await readText(response, deps);
  let json: unknown = null;
  if (text.length > 0) {
    try {
      json = JSON.parse(text);
    } catch {
      // A 2xx that is not JSON is a truncated or garbled body; an error page is reported by status.
      if (response.ok) {
        throw new ConnectorError(
          'bad_payload',
          `${call.connector}: response from ${redactUrl(call.url)} is not valid JSON`,
          {
            status: response.status,
          },
        );
      }
    }
  }
  if (!response.ok) throw statusError(call, response, json);
  return { status: response.status, json, headers: response.headers };
}

async function readText(response: Response, deps: SyncDeps): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    if (deps.signal?.aborted) throw new ConnectorError('aborted', 'Sync aborted');
    throw toConnectorError(error);
  }
}

function statusError(call: VendorCall, response: Response, json: unknown): ConnectorError {
  const where = `${call.connector} ${call.method} ${redactUrl(call.url)}`;
  const detail = vendorMessage(json);
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  if (response.status === 401 || response.status === 403) {
    return new ConnectorError(
      'auth',
      `${where}: ${response.status} ${detail ?? 'not authorised'}; check the token`,
      {
        status: response.status,
      },
    );
  }
  if (response.status === 429) {
    return new ConnectorError('rate_limited', `${where}: rate limited`, {
      status: 429,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  return new ConnectorError('http', `${where}: HTTP ${response.status}${detail ? ` ${detail}` : ''}`, {
    status: response.status,
  });
}

/** The human part of a vendor error body, whichever shape the vendor uses. */
export function vendorMessage(json: unknown): string | null {
  if (!json || typeof json !== 'object') return null;
  const o = json as Record<string, unknown>;
  if (typeof o.message === 'string') return o.message.slice(0, 300);
  if (typeof o.error === 'string') return o.error.slice(0, 300);
  if (Array.isArray(o.errors)) {
    const first = o.errors[0] as { message?: unknown } | string | undefined;
    if (typeof first === 'string') return first.slice(0, 300);
    if (first && typeof first.message === 'string') return first.message.slice(0, 300);
  }
  return null;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new ConnectorError('aborted', 'Sync aborted'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ConnectorError('aborted', 'Sync aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Fetches one page, retrying responses that were delivered but unusable (truncated JSON, a
 * repeated page, a throttle the transport gave up on). `validate` throws `repeated_page` when the
 * page does not answer the request that was sent.
 */
export async function fetchPage<T>(
  fetchOnce: () => Promise<T>,
  deps: SyncDeps,
  validate: (page: T) => void = () => undefined,
): Promise<T> {
  const attempts = (deps.http?.pageRetries ?? 3) + 1;
  let last: ConnectorError | undefined;
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (deps.signal?.aborted) throw new ConnectorError('aborted', 'Sync aborted');
    try {
      const page = await fetchOnce();
      validate(page);
      return page;
    } catch (error) {
      const e = toConnectorError(error);
      if (e.kind === 'aborted' || !e.transient) throw e;
      last = e;
      const wait = Math.min(e.retryAfterMs ?? (deps.http?.backoffMs ?? 500) * (attempt + 1), 60_000);
      await sleep(wait, deps.signal);
    }
  }
  throw last ?? new ConnectorError('network', 'page fetch failed');
}
