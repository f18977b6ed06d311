import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, buildConnector, request } from 'undici';
import {
  baseUrlProblem,
  type EgressAllowList,
  egressRefusal,
  MAX_VENDOR_BODY_BYTES,
  parseEgressAllowList,
} from './egress-policy.ts';

/** A connection the egress policy refused; never retried (the answer will not change). */
export class EgressRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EgressRefusedError';
  }
}

/** A vendor response larger than the cap; refused rather than buffered. */
export class ResponseTooLargeError extends Error {
  constructor(url: string, limit: number) {
    const size = limit >= 1024 * 1024 ? `${Math.round(limit / 1024 / 1024)} MB` : `${limit} bytes`;
    super(`The response from ${url.split('?')[0]} is larger than ${size}; refused`);
    this.name = 'ResponseTooLargeError';
  }
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for net/tls.connect that resolves every address of the host and refuses the
 * connection when any of them is internal (and not allow-listed). Checking here, on the
 * addresses the socket will use, closes the DNS-rebinding gap a check-then-fetch would leave.
 */
function guardedLookup(allow: EgressAllowList, port: number) {
  return (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback) => {
    dnsLookup(hostname, { family: options.family ?? 0, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      for (const a of addresses) {
        const refusal = egressRefusal({ host: hostname, port, address: a.address }, allow);
        if (refusal) return callback(new EgressRefusedError(refusal), []);
      }
      const first = addresses[0];
      if (!first) return callback(new EgressRefusedError(`${hostname} has no address`), []);
      if (options.all) return callback(null, addresses);
      return callback(null, first.address, first.family);
    });
  };
}

/**
 * undici's connector with the guarded lookup. IP-literal hosts never reach a lookup, so they
 * are checked here; names are checked on every address they resolve to.
 */
function guardedConnector(allow: EgressAllowList): buildConnector.connector {
  const byPort = new Map<number, buildConnector.connector>();
  return (opts, callback) => {
    const port = Number(opts.port) || (opts.protocol === 'https:' ? 443 : 80);
    const host = opts.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) !== 0) {
      const refusal = egressRefusal({ host, port, address: host }, allow);
      if (refusal) {
        callback(new EgressRefusedError(refusal), null);
        return;
      }
    }
    let connect = byPort.get(port);
    if (!connect) {
      connect = buildConnector({ lookup: guardedLookup(allow, port) as never });
      byPort.set(port, connect);
    }
    connect(opts, callback);
  };
}

const agents = new Map<string, Agent>();

/**
 * Kept-alive connections per vendor origin (one pool per allow-list). A backfill makes tens of
 * thousands of small requests (one messages page per Chatwoot conversation), a bounded pool at a time.
 */
function agentFor(allowSpec: string): Agent {
  let agent = agents.get(allowSpec);
  if (!agent) {
    agent = new Agent({
      connections: 32,
      keepAliveTimeout: 10_000,
      pipelining: 1,
      connect: guardedConnector(parseEgressAllowList(allowSpec)),
    });
    agents.set(allowSpec, agent);
  }
  return agent;
}

function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  if (Array.isArray(headers)) return Object.fromEntries(headers.map(([k, v]) => [k, v ?? '']));
  return headers as Record<string, string>;
}

const NULL_BODY = new Set([204, 205, 304]);

/** What is wrong with a request URL's shape (scheme, credentials, fragment), or null. */
function requestUrlProblem(url: string): string | null {
  const q = url.indexOf('?');
  // Vendor paths carry their own query strings; the base part must still be a clean http(s) URL.
  return baseUrlProblem(q === -1 ? url : url.slice(0, q));
}

export type VendorFetchOptions = { egressAllow: string; maxBodyBytes?: number };

/**
 * `fetch` for vendor calls over undici's `request`: the same wire behaviour (keep-alive,
 * abort signal, status, headers, body) at a fraction of the WHATWG fetch pipeline's CPU per
 * request, which decides a backfill's pace. Every connection passes the egress policy; the body
 * is read (up to the cap) before returning, so a body cut off mid-way fails the attempt inside
 * `fetchWithRetry` (and is retried) instead of later.
 */
export function createVendorFetch(options: VendorFetchOptions): typeof fetch {
  const maxBody = options.maxBodyBytes ?? MAX_VENDOR_BODY_BYTES;
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const problem = requestUrlProblem(url);
    if (problem) throw new EgressRefusedError(`The connector URL ${problem}`);
    if (init?.body !== undefined && init.body !== null && typeof init.body !== 'string') {
      throw new TypeError('vendorFetch sends string bodies only (connectors send JSON text)');
    }
    const method = (init?.method ?? 'GET').toUpperCase();
    const res = await request(url, {
      method: method as 'GET',
      headers: headerRecord(init?.headers),
      body: typeof init?.body === 'string' ? init.body : null,
      signal: init?.signal ?? undefined,
      dispatcher: agentFor(options.egressAllow),
    });
    const declared = Number(res.headers['content-length'] ?? 0);
    if (declared > maxBody) {
      res.body.destroy();
      throw new ResponseTooLargeError(url, maxBody);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > maxBody) {
        res.body.destroy();
        throw new ResponseTooLargeError(url, maxBody);
      }
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    const headers = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      else if (value !== undefined) headers.set(name, value);
    }
    return new Response(NULL_BODY.has(res.statusCode) ? null : text, { status: res.statusCode, headers });
  };
}

const vendorFetches = new Map<string, typeof fetch>();

/** The vendor fetch for an allow-list (`CONNECTOR_EGRESS_ALLOW`), shared by every call with it. */
export function vendorFetchFor(egressAllow: string): typeof fetch {
  let f = vendorFetches.get(egressAllow);
  if (!f) {
    f = createVendorFetch({ egressAllow });
    vendorFetches.set(egressAllow, f);
  }
  return f;
}
