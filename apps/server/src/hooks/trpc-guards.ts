import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { ApiError } from '@keel/core/errors';

/** The most calls one tRPC batch may carry; the web's batch link uses the same number (maxItems). */
export const TRPC_MAX_BATCH = 10;

/** Procedures that must travel alone, so each call meets the login limit on its own request. */
const UNBATCHABLE = new Set(['auth.login']);

/**
 * Refuses tRPC batches that contain `auth.login`: a batch is one HTTP request, and password
 * guessing must not ride many attempts on one request past per-request limits and logs.
 */
export function registerTrpcGuards(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    const [path = '', query = ''] = req.url.split('?', 2);
    if (!path.startsWith('/trpc/')) return;
    const batched = new URLSearchParams(query).get('batch');
    if (batched !== '1' && batched !== 'true') return;
    const procedures = decodeURIComponent(path.slice('/trpc/'.length)).split(',');
    const refused = procedures.find((p) => UNBATCHABLE.has(p));
    // A batch of one is one attempt per request, as a plain call is.
    if (refused && procedures.length > 1) {
      throw new ApiError('bad_request', `${refused} cannot be batched; send it as a single request.`);
    }
  });
}

/** TRUST_PROXY as Fastify's trustProxy: false, true, a hop count, or comma-separated addresses/CIDRs. */
export function trustProxySetting(value: string): FastifyServerOptions['trustProxy'] {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'false' || v === '0' || v === 'no' || v === 'off') return false;
  if (v === 'true' || v === 'yes' || v === 'on') return true;
  if (/^\d+$/.test(v)) {
    // A hop count: trust that many proxies nearest to us (proxy-addr semantics).
    const hops = Number(v);
    return (_address: string, hop: number) => hop < hops;
  }
  return value.trim();
}
