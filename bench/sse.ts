/**
 * Benchmark: live updates. `pnpm bench sse [--clients 5000] [--events 20] [--interval-ms 100] [--projects 100]
 *   [--spread-events 2000] [--spread-interval-ms 5] [--client-procs 2] [--redis] [--pg]`
 *
 * One server process (this one: buildServer + listen) and the clients in child processes
 * (plain HTTP streams, as EventSource opens them). Events are published the way a job does:
 * `job.finished` on the bus — in-process by default, through Redis with `--redis` (the
 * server-mode path from a worker). Latency is publish → parsed by the client, per delivery.
 * Two audiences: the clients spread over projects (each job's event reaches its project's
 * tabs), and the worst case, all clients on one project so every event goes to every client.
 * Baselines in the same run: the same events to a single client, and the same clients and
 * frames from a bare node:net server (the floor this machine sets for a broadcast).
 * Target (quality.md): 5,000 clients on one process; p99 < 100 ms.
 */
import { fork } from 'node:child_process';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createSecretBox, deriveDevKey } from '@keel/core/crypto';
import { parseEnv } from '@keel/core/env';
import { createMemoryEventBus, createRedisEventBus, type EventBus, makeEvent } from '@keel/core/events';
import { silentLogger } from '@keel/core/logger';
import { createDatabase } from '@keel/db/client';
import { migrateDatabase } from '@keel/db/migrate';
import { createAppDeps } from '@keel/app/deps';
import { ensureUser } from '@keel/app/services/users';
import { buildServer } from '@keel/server/build-server';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '5000' },
    events: { type: 'string', default: '20' },
    'interval-ms': { type: 'string', default: '100' },
    'client-procs': { type: 'string', default: '2' },
    projects: { type: 'string', default: '100' },
    'spread-events': { type: 'string', default: '2000' },
    'spread-interval-ms': { type: 'string', default: '5' },
    redis: { type: 'boolean', default: false },
    'redis-url': { type: 'string', default: 'redis://127.0.0.1:6379' },
    pg: { type: 'boolean', default: false },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    child: { type: 'boolean', default: false },
    url: { type: 'string' },
    cookie: { type: 'string' },
  },
});

const wallNow = () => performance.timeOrigin + performance.now();
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

type ToChild = { cmd: 'open'; n: number; paths: string[] } | { cmd: 'report' } | { cmd: 'close' };
type FromChild =
  | { kind: 'opened'; n: number; failed: number; ms: number }
  | { kind: 'report'; latencies: number[]; received: number };

/**
 * The client side: N streams over plain TCP, each reading frames and timing job.finished
 * deliveries. A browser's EventSource runs on another machine; here the clients share the
 * server's two cores, so they are kept as cheap as a parser can be (no HTTP client library:
 * the request is written by hand and the head is checked once), to measure the server and
 * not the load generator.
 */
async function child(): Promise<void> {
  const target = new URL(args.url ?? '');
  const sockets: Socket[] = [];
  let latencies: number[] = [];
  let received = 0;
  const send = (m: FromChild) => process.send?.(m);
  const head = (path: string) =>
    `GET ${path} HTTP/1.1\r\nhost: ${target.host}\r\naccept: text/event-stream\r\ncookie: ${args.cookie ?? ''}\r\n\r\n`;
  const open = (path: string) =>
    new Promise<boolean>((resolve) => {
      const socket = connect(Number(target.port), target.hostname);
      socket.setEncoding('latin1');
      let buf = '';
      let connected = false;
      socket.on('connect', () => socket.write(head(path)));
      socket.on('data', (chunk: string) => {
        buf += chunk;
        if (!connected) {
          if (!buf.startsWith('HTTP/1.1 200')) {
            if (buf.includes('\r\n')) {
              socket.destroy();
              resolve(false);
            }
            return;
          }
          const body = buf.indexOf('\r\n\r\n');
          if (body === -1 || !buf.includes(': connected\n\n', body)) return;
          connected = true;
          sockets.push(socket);
          buf = buf.slice(buf.indexOf(': connected\n\n', body) + 14);
          resolve(true);
        }
        let end = buf.indexOf('\n\n');
        while (end !== -1) {
          const at = buf.indexOf('"sentAt":');
          if (at !== -1 && at < end && buf.startsWith('event: job.finished', buf.indexOf('\n') + 1)) {
            latencies.push(wallNow() - Number.parseFloat(buf.slice(at + 9, end)));
            received += 1;
          }
          buf = buf.slice(end + 2);
          end = buf.indexOf('\n\n');
        }
      });
      socket.on('error', () => resolve(false));
    });
  process.on('message', async (m: ToChild) => {
    if (m.cmd === 'open') {
      const t0 = performance.now();
      let failed = 0;
      // Open in waves so the accept queue and the auth queries are not flooded at once.
      for (let i = 0; i < m.n; i += 200) {
        const wave = await Promise.all(
          Array.from({ length: Math.min(200, m.n - i) }, (_, k) =>
            open(m.paths[(i + k) % m.paths.length] ?? ''),
          ),
        );
        failed += wave.filter((ok) => !ok).length;
      }
      send({ kind: 'opened', n: m.n - failed, failed, ms: performance.now() - t0 });
    } else if (m.cmd === 'report') {
      send({ kind: 'report', latencies, received });
      latencies = [];
      received = 0;
    } else {
      for (const socket of sockets) socket.destroy();
      process.exit(0);
    }
  });
}

function ask<T extends FromChild['kind']>(proc: ReturnType<typeof fork>, msg: ToChild, kind: T) {
  return new Promise<Extract<FromChild, { kind: T }>>((resolve) => {
    const on = (m: FromChild) => {
      if (m.kind === kind) {
        proc.off('message', on);
        resolve(m as Extract<FromChild, { kind: T }>);
      }
    };
    proc.on('message', on);
    proc.send(msg);
  });
}

type Audience = {
  /** Stream paths, dealt to the clients in turn (one per project the clients watch). */
  paths: string[];
  events: number;
  intervalMs: number;
  /** Publishes event n; returns how many connected clients it is addressed to. */
  publish: (n: number) => Promise<void>;
  /** Deliveries expected for `clients` connected streams. */
  expected: (clients: number) => number;
};

/** How many of `clients` streams watch path `p` of `paths`, dealt in turn within each child's share. */
function countDealt(clients: number, p: number, paths: number): number {
  const procs = clients > 1 ? Number(args['client-procs']) : 1;
  const share = Math.ceil(clients / procs);
  let n = 0;
  for (let i = 0; i < procs; i += 1) {
    const mine = Math.max(0, Math.min(share, clients - i * share));
    n += Math.floor(mine / paths) + (p < mine % paths ? 1 : 0);
  }
  return n;
}

async function phase(
  label: string,
  clients: number,
  ctx: { url: string; cookie: string; gauge: () => Promise<number> },
  audience: Audience,
) {
  const procs = Array.from({ length: clients > 1 ? Number(args['client-procs']) : 1 }, () =>
    fork(fileURLToPath(import.meta.url), ['--child', '--url', ctx.url, '--cookie', ctx.cookie], {
      execArgv: ['--import', 'tsx'],
    }),
  );
  const share = Math.ceil(clients / procs.length);
  const openedAll = await Promise.all(
    procs.map((p, i) =>
      ask(p, { cmd: 'open', n: Math.min(share, clients - i * share), paths: audience.paths }, 'opened'),
    ),
  );
  const opened = {
    n: openedAll.reduce((a, o) => a + o.n, 0),
    failed: openedAll.reduce((a, o) => a + o.failed, 0),
    ms: Math.max(...openedAll.map((o) => o.ms)),
  };
  const connected = await ctx.gauge();
  const fanout: number[] = [];
  for (let i = 0; i < audience.events; i += 1) {
    const t0 = performance.now();
    await audience.publish(i);
    // In-process bus: delivery runs in a microtask, so this measures the server's whole fan-out.
    await new Promise((r) => setImmediate(r));
    fanout.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, audience.intervalMs));
  }
  await new Promise((r) => setTimeout(r, 1000));
  const reports = await Promise.all(procs.map((p) => ask(p, { cmd: 'report' }, 'report')));
  const report = {
    latencies: reports.flatMap((r) => r.latencies),
    received: reports.reduce((a, r) => a + r.received, 0),
  };
  for (const p of procs) p.send({ cmd: 'close' });
  await Promise.all(procs.map((p) => new Promise((r) => p.on('exit', r))));
  const expected = audience.expected(opened.n);
  const row = {
    label,
    clients: opened.n,
    failed: opened.failed,
    gauge: connected,
    connectSeconds: opened.ms / 1000,
    delivered: `${report.received}/${expected}`,
    p50: percentile(report.latencies, 50),
    p99: percentile(report.latencies, 99),
    max: percentile(report.latencies, 100),
    fanout: percentile(fanout, 50),
  };
  process.stdout.write(
    `  ${label.padEnd(40)} connected ${String(row.clients).padStart(5)} (gauge ${row.gauge}, ${row.failed} failed, ${row.connectSeconds.toFixed(1)} s)  delivered ${row.delivered}  latency p50 ${row.p50.toFixed(1)} ms  p99 ${row.p99.toFixed(1)} ms  max ${row.max.toFixed(1)} ms  server fan-out p50 ${row.fanout.toFixed(1)} ms${args.redis ? ' (n/a with Redis)' : ''}\n`,
  );
  return row;
}

/**
 * The same clients and frames against a bare `node:net` server that does nothing but write
 * each event to every socket: what this machine's kernel and Node allow, without Keel.
 */
async function rawFloor(clients: number, events: number, interval: number) {
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    socket.once('data', () => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\r\nretry: 3000\n: connected\n\n');
      sockets.push(socket);
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const row = await phase(
    `floor: bare node:net, ${clients} clients`,
    clients,
    { url: `http://127.0.0.1:${port}`, cookie: '', gauge: async () => sockets.length },
    {
      paths: ['/'],
      events,
      intervalMs: interval,
      publish: async (n) => {
        const json = JSON.stringify(
          makeEvent(
            'job.finished',
            { accountScopeId: 'floor', projectId: 'floor' },
            {
              runId: `bench-${n}`,
              jobType: 'bench',
              trigger: 'manual',
              status: 'succeeded',
              durationMs: 1,
              // The clients scan each frame for this stamp.
              summary: { sentAt: wallNow() },
              reason: null,
              nextRunAt: new Date(0).toISOString(),
            },
          ),
        );
        const frame = Buffer.from(`id: floor-${n}\nevent: job.finished\ndata: ${json}\n\n`);
        for (const socket of sockets) socket.write(frame);
      },
      expected: (n) => n * events,
    },
  );
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
  return row;
}

async function main(): Promise<void> {
  if (args.child) return child();
  const handle = await createDatabase(args.pg ? { url: args['pg-url'], max: 8 } : {});
  await migrateDatabase(handle);
  const channel = `keel:bench:${Date.now()}`;
  const bus: EventBus = args.redis ? createRedisEventBus(args['redis-url'], channel) : createMemoryEventBus();
  // The publisher is a separate connection, as a worker process's would be.
  const publisher: EventBus = args.redis ? createRedisEventBus(args['redis-url'], channel) : bus;
  const runtime = await createAppDeps(
    parseEnv({ NODE_ENV: 'production', LOG_LEVEL: 'silent', ENCRYPTION_KEY: 'a'.repeat(64) }),
    { database: handle, bus, logger: silentLogger, secrets: createSecretBox(deriveDevKey('bench')) },
  );
  const { deps } = runtime;
  const app = await buildServer({ deps, logger: false, sse: { maxBufferedBytes: 4 << 20 } });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const email = `bench-${Date.now()}@example.test`;
  await ensureUser(handle.db, {
    email,
    name: 'Bench',
    password: 'bench-password',
    workspaceSlug: `bench-${Date.now()}`,
    workspaceName: 'Bench',
    role: 'owner',
  });
  const login = await app.inject({
    method: 'POST',
    url: '/auth/login',
    payload: { email, password: 'bench-password' },
  });
  const cookieValue = login.cookies.find((c) => c.name === 'keel_session')?.value ?? '';
  const cookie = `keel_session=${cookieValue}`;
  const csrf = (login.json() as { data: { csrfToken: string; accountScopeId: string } }).data;
  const newProject = async (name: string) => {
    const created = await app.inject({
      method: 'POST',
      url: '/projects',
      headers: { cookie, 'x-csrf-token': csrf.csrfToken },
      payload: { name },
    });
    return (created.json() as { data: { id: string } }).data.id;
  };
  const project = await newProject('SSE bench');
  await app.inject({
    method: 'POST',
    url: `/projects/${project}/select`,
    headers: { cookie, 'x-csrf-token': csrf.csrfToken },
  });
  const spread: string[] = [];
  for (let i = 0; i < Number(args.projects); i += 1) spread.push(await newProject(`SSE bench ${i}`));
  const jobFinished = (projectId: string, n: number) =>
    publisher.publish(
      makeEvent(
        'job.finished',
        { accountScopeId: csrf.accountScopeId, projectId },
        {
          runId: `bench-${n}`,
          jobType: 'bench',
          trigger: 'manual',
          status: 'succeeded',
          durationMs: 1,
          // The clients scan each frame for this stamp.
          summary: { sentAt: wallNow() },
          reason: null,
          nextRunAt: new Date(0).toISOString(),
        },
      ),
    );
  const events = Number(args.events);
  const interval = Number(args['interval-ms']);
  // Worst case: every client watches the same project, so each event is written to all of them.
  const broadcast: Audience = {
    paths: ['/events/stream'],
    events,
    intervalMs: interval,
    publish: (n) => jobFinished(project, n),
    expected: (clients) => clients * events,
  };
  // The usual shape: clients spread over projects, each job's event goes to its project's tabs.
  // Events go to the projects in turn, many more per second than jobs finish in practice.
  const spreadEvents = Number(args['spread-events']);
  const projects: Audience = {
    paths: spread.map((id) => `/events/stream?project=${id}`),
    events: spreadEvents,
    intervalMs: Number(args['spread-interval-ms']),
    publish: (n) => jobFinished(spread[n % spread.length] ?? project, n),
    expected: (clients) => {
      let total = 0;
      for (let n = 0; n < spreadEvents; n += 1) {
        const p = n % spread.length;
        // Clients are dealt the paths in turn, within each child's share.
        total += countDealt(clients, p, spread.length);
      }
      return total;
    },
  };
  const gauge = async () => (await app.keelMetrics.sseConnections.get()).values[0]?.value ?? 0;
  process.stdout.write(
    `sse bench — ${handle.kind}, ${args.redis ? 'Redis Pub/Sub' : 'in-process'} bus; broadcast: ${events} job.finished every ${interval} ms to all clients; spread: ${spreadEvents} every ${args['spread-interval-ms']} ms over ${spread.length} projects\n`,
  );
  const ctx = { url, cookie, gauge };
  const clients = Number(args.clients);
  const base = await phase('baseline: 1 client', 1, ctx, broadcast);
  const verdict = (row: { p99: number; clients: number }) =>
    row.p99 < 100 && row.clients >= 5000 ? 'met' : 'NOT met';
  const spreadRow = await phase(`${clients} clients, ${spread.length} projects`, clients, ctx, projects);
  const all = await phase(`${clients} clients, one project (broadcast)`, clients, ctx, broadcast);
  const floor = await rawFloor(clients, events, interval);
  process.stdout.write(
    `\n${spreadRow.clients} clients over ${spread.length} projects: p99 ${spreadRow.p99.toFixed(1)} ms (target < 100 ms: ${verdict(spreadRow)})` +
      `\n${all.clients} clients on one project, every event to all: p99 ${all.p99.toFixed(1)} ms (${verdict(all)}), ${(all.p99 / Math.max(0.1, base.p99)).toFixed(1)}× the single-client p99 (${base.p99.toFixed(1)} ms)` +
      `\n  floor on this machine (bare node:net server, same clients and frames): p99 ${floor.p99.toFixed(1)} ms; Keel's broadcast is ${(all.p99 / Math.max(0.1, floor.p99)).toFixed(2)}× it\n`,
  );
  await app.close();
  if (publisher !== bus) await publisher.close();
  await runtime.close();
  await bus.close();
  await handle.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
