/**
 * A minimal HTTP server for the emulators: routing, JSON bodies, request counting, and fault
 * injection in one place, so each emulator only declares its routes and its vendor's error shapes.
 * node:http rather than a framework, because faults need raw control (truncated bodies, stalls).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorName, RequestCounters } from '../counters.ts';
import type { FaultInjector } from '../faults.ts';

export type Req = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  params: Record<string, string>;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
  rawBody: string;
};

export type Res = {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Send `body` as plain text instead of JSON. */
  text?: boolean;
};

export type Route = {
  method: string;
  /** Path with `:param` segments, e.g. `/api/v1/accounts/:account_id/conversations`. */
  pattern: string;
  handler: (req: Req) => Res | Promise<Res>;
  /** The route returns pages; the `repeat_page` fault may serve its previous response again. */
  paginated?: boolean;
};

export type VendorShapes = {
  unauthorized: (req: Req) => Res;
  rateLimited: (retryAfterSeconds: number) => Res;
  serverError: (status: 500 | 502 | 503) => Res;
  notFound: (req: Req) => Res;
  badJson: () => Res;
};

export type EmulatorSpec = {
  name: EmulatorName;
  routes: Route[];
  /** Returns a response to reject the request, or null when the credentials are fine. */
  authenticate: (req: Req) => Res | null;
  shapes: VendorShapes;
  /** Extra headers on every response (rate-limit budgets, request ids). */
  headers?: (req: Req) => Record<string, string>;
  /** Paths served without authentication and outside fault injection (e.g. attachment blobs). */
  open?: Route[];
};

export type EmulatorDeps = { counters: RequestCounters; faults: FaultInjector };

export type RunningServer = { url: string; port: number; close(): Promise<void> };

type Compiled = Route & { parts: string[] };

function compile(routes: Route[]): Compiled[] {
  return routes.map((r) => ({ ...r, parts: r.pattern.split('/').filter(Boolean) }));
}

function match(
  routes: Compiled[],
  method: string,
  path: string,
): { route: Compiled; params: Record<string, string> } | null {
  const parts = path.split('/').filter(Boolean);
  for (const route of routes) {
    if (route.method !== method || route.parts.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < parts.length; i++) {
      const want = route.parts[i] ?? '';
      const got = parts[i] ?? '';
      if (want.startsWith(':')) params[want.slice(1)] = decodeURIComponent(got);
      else if (want !== got) {
        ok = false;
        break;
      }
    }
    if (ok) return { route, params };
  }
  return null;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function serialize(res: Res): { payload: string; type: string } {
  if (res.text) return { payload: String(res.body), type: 'text/plain; charset=utf-8' };
  return { payload: JSON.stringify(res.body), type: 'application/json; charset=utf-8' };
}

function send(out: ServerResponse, res: Res, extra: Record<string, string>, truncate = false): void {
  const { payload, type } = serialize(res);
  const body = truncate ? payload.slice(0, Math.max(1, Math.floor(payload.length / 2))) : payload;
  const bytes = Buffer.from(body, 'utf8');
  out.writeHead(res.status, {
    'content-type': type,
    'content-length': String(bytes.length),
    ...extra,
    ...res.headers,
  });
  out.end(bytes);
}

/** Starts an emulator on `port` (0 = ephemeral) and resolves once it listens. */
export async function startEmulator(
  spec: EmulatorSpec,
  deps: EmulatorDeps,
  port = 0,
  host = '127.0.0.1',
): Promise<RunningServer> {
  const routes = compile(spec.routes);
  const open = compile(spec.open ?? []);
  const lastPage = new Map<string, Res>();
  const timers = new Set<NodeJS.Timeout>();

  const handle = async (req: IncomingMessage, out: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const method = req.method ?? 'GET';
    const rawBody = await readBody(req);
    const base: Req = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      params: {},
      body: undefined,
      rawBody,
    };
    const openHit = match(open, method, url.pathname);
    if (openHit) {
      send(out, await openHit.route.handler({ ...base, params: openHit.params }), {});
      return;
    }
    const hit = match(routes, method, url.pathname);
    const routeKey = hit ? `${hit.route.method} ${hit.route.pattern}` : `${method} (unmatched)`;
    deps.counters.increment(spec.name, routeKey);
    const extra = spec.headers ? spec.headers(base) : {};
    if (!hit) {
      send(out, spec.shapes.notFound(base), extra);
      return;
    }
    let body: unknown;
    if (rawBody.length > 0) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        send(out, spec.shapes.badJson(), extra);
        return;
      }
    }
    const request: Req = { ...base, params: hit.params, body };
    const denied = spec.authenticate(request);
    if (denied) {
      send(out, denied, extra);
      return;
    }
    const fault = deps.faults.decide(spec.name, routeKey);
    if (fault === 'unauthorized') return send(out, spec.shapes.unauthorized(request), extra);
    if (fault === 'rate_limit')
      return send(out, spec.shapes.rateLimited(deps.faults.retryAfterSeconds), extra);
    if (fault === 'server_error') {
      const statuses = [500, 502, 503] as const;
      const status = statuses[deps.faults.log.length % 3] ?? 500;
      return send(out, spec.shapes.serverError(status), extra);
    }
    if (fault === 'slow') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, deps.faults.slowMs);
        timers.add(timer);
      });
      if (out.destroyed) return;
    }
    if (fault === 'repeat_page' && hit.route.paginated) {
      const previous = lastPage.get(routeKey);
      if (previous) return send(out, previous, extra);
    }
    let res: Res;
    try {
      res = await hit.route.handler(request);
    } catch (error) {
      res = spec.shapes.serverError(500);
      res.headers = {
        ...res.headers,
        'x-sandbox-error': String(error instanceof Error ? error.message : error).slice(0, 200),
      };
    }
    if (fault === 'late_response') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, deps.faults.slowMs);
        timers.add(timer);
      });
      if (out.destroyed) return;
    }
    if (hit.route.paginated && res.status === 200) lastPage.set(routeKey, res);
    send(out, res, extra, fault === 'truncated');
  };

  const server: Server = createServer((req, out) => {
    handle(req, out).catch((error: unknown) => {
      if (!out.headersSent) out.writeHead(500, { 'content-type': 'text/plain' });
      out.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
