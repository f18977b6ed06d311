/**
 * fetchWithRetry, exactly as the seed's lib/http.js: 2 retries, a 15 s timeout per attempt
 * (AbortController), linear backoff of 500 ms × attempt, retries on 408/425/429/5xx and on
 * network errors, and a server's Retry-After wins over our backoff (capped, so a hostile
 * header cannot park a sync for hours).
 */
export type FetchWithRetryOptions = RequestInit & {
  retries?: number;
  timeoutMs?: number;
  backoffMs?: number;
  /** Upper bound for honouring Retry-After, in ms. */
  maxRetryAfterMs?: number;
  /** Injected for tests; defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Called before each retry, e.g. to log or count. */
  onRetry?: (info: RetryInfo) => void;
  fetchImpl?: typeof fetch;
};

export type RetryInfo = { attempt: number; delayMs: number; status?: number; error?: string; url: string };

export const RETRYABLE_STATUSES = new Set([408, 425, 429]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status) || (status >= 500 && status <= 599);
}

/** Milliseconds to wait from a Retry-After header (seconds or HTTP date); undefined if absent or invalid. */
export function parseRetryAfter(value: string | null, nowMs = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

export class HttpTimeoutError extends Error {
  constructor(url: string, timeoutMs: number) {
    super(`Request to ${redactUrl(url)} timed out after ${timeoutMs} ms`);
    this.name = 'HttpTimeoutError';
  }
}

/** Drops query strings from URLs before they reach logs or errors (tokens sometimes live there). */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : `${url.slice(0, q)}?…`;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function fetchWithRetry(url: string, options: FetchWithRetryOptions = {}): Promise<Response> {
  const {
    retries = 2,
    timeoutMs = 15_000,
    backoffMs = 500,
    maxRetryAfterMs = 60_000,
    sleep = defaultSleep,
    onRetry,
    fetchImpl = fetch,
    signal: outerSignal,
    ...init
  } = options;

  for (let attempt = 0; ; attempt++) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new HttpTimeoutError(url, timeoutMs)), timeoutMs);
    const onOuterAbort = () => controller.abort(outerSignal?.reason);
    outerSignal?.addEventListener('abort', onOuterAbort, { once: true });
    try {
      if (outerSignal?.aborted) throw outerSignal.reason ?? new Error('aborted');
      const response = await fetchImpl(url, { ...init, signal: controller.signal });
      if (!isRetryableStatus(response.status) || attempt >= retries) return response;
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      const delayMs = Math.min(retryAfter ?? backoffMs * (attempt + 1), maxRetryAfterMs);
      // Drain the body so the connection can be reused.
      await response.body?.cancel().catch(() => undefined);
      onRetry?.({ attempt: attempt + 1, delayMs, status: response.status, url: redactUrl(url) });
      await sleep(delayMs);
    } catch (error) {
      if (outerSignal?.aborted) throw outerSignal.reason ?? error;
      const cause = controller.signal.aborted ? controller.signal.reason : error;
      if (attempt >= retries) throw cause;
      const delayMs = backoffMs * (attempt + 1);
      onRetry?.({ attempt: attempt + 1, delayMs, error: String(cause), url: redactUrl(url) });
      await sleep(delayMs);
    } finally {
      clearTimeout(timer);
      outerSignal?.removeEventListener('abort', onOuterAbort);
    }
  }
}
