import { Agent, request } from 'undici';

/**
 * Kept-alive connections per vendor origin. A backfill makes tens of thousands of small
 * requests (one messages page per Chatwoot conversation), a bounded pool at a time.
 */
const agent = new Agent({ connections: 32, keepAliveTimeout: 10_000, pipelining: 1 });

function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  if (Array.isArray(headers)) return Object.fromEntries(headers.map(([k, v]) => [k, v ?? '']));
  return headers as Record<string, string>;
}

const NULL_BODY = new Set([204, 205, 304]);

/**
 * `fetch` for vendor calls over undici's `request`: the same wire behaviour (keep-alive,
 * abort signal, status, headers, body) at a fraction of the WHATWG fetch pipeline's CPU per
 * request, which decides a backfill's pace. The body is read before returning, so a body cut
 * off mid-way fails the attempt inside `fetchWithRetry` (and is retried) instead of later.
 */
export const vendorFetch: typeof fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (init?.body !== undefined && init.body !== null && typeof init.body !== 'string') {
    throw new TypeError('vendorFetch sends string bodies only (connectors send JSON text)');
  }
  const method = (init?.method ?? 'GET').toUpperCase();
  const res = await request(url, {
    method: method as 'GET',
    headers: headerRecord(init?.headers),
    body: typeof init?.body === 'string' ? init.body : null,
    signal: init?.signal ?? undefined,
    dispatcher: agent,
  });
  const text = await res.body.text();
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return new Response(NULL_BODY.has(res.statusCode) ? null : text, { status: res.statusCode, headers });
};
