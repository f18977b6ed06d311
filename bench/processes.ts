/**
 * `pnpm bench processes [--quick] [--projects 200] [--duration 8] [--rate 300] [--connections 12]`
 *
 * Keel as it runs when one process is not enough: API servers and worker loops as separate
 * processes over one PostgreSQL (a database of this run's own on KEEL_BENCH_DATABASE_URL, by
 * default the local server, dropped at the end) and one Redis (a throwaway redis-server of
 * this run's own: the events bus between them).
 *
 * 1. API: `GET /portfolio/overview` (API-key auth, first page over `--projects`) driven by
 *    autocannon over 1, 2 and 4 server processes (connections spread evenly): the most each
 *    serves, and p99 at `--rate` req/s offered.
 * 2. Jobs: 1, 2 and 3 `worker-loop` processes (added one at a time) run the bench job types
 *    (bench/lib/processes-jobs.ts: a vendor-wait job and a CPU job per project). A burst —
 *    every job due at the same moment — measures throughput and due → finished latency; then a
 *    steady stream of due times at half of what one worker managed, while the API takes
 *    `--rate` req/s over all four servers.
 * 3. Checks, from the database and the SSE streams: no job ran twice at once (job_runs, and
 *    the probes the handlers write), every due job ran exactly once (none lost, none doubled),
 *    nothing failed or stayed running, and an SSE client on every server received every
 *    `job.finished` although the worker that ran the job was another process.
 *
 * The machine has 2 cores shared by the servers, the workers, PostgreSQL, Redis and autocannon:
 * the point is correctness and no contention cliff as processes are added, not linear
 * speed-up. Exits 1 when a check fails. `--quick`: fewer projects, 3 s runs.
 */
import { randomBytes } from 'node:crypto';
import { type KeelChild, spawnKeel } from './lib/keel-child.ts';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createApiKey } from '@keel/app/auth/api-keys';
import { ensureDefaultScheduledJobs } from '@keel/app/scheduler/ensure-jobs';
import { ensureUser } from '@keel/app/services/users';
import { seedPortfolio } from '@keel/db/bench-portfolio';
import { createDatabase, queryRows } from '@keel/db/client';
import { migrateDatabase } from '@keel/db/migrate';
import { withDatabase } from '@keel/db/test-db';
import { freePort, startTestRedis } from '@keel/core/test-redis';
import { BENCH_JOB_TYPES, jobRegistry as benchJobs } from './lib/processes-jobs.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const JOBS_MODULE = join(ROOT, 'bench/lib/processes-jobs.ts');

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    projects: { type: 'string' },
    duration: { type: 'string' },
    rate: { type: 'string', default: '300' },
    connections: { type: 'string', default: '12' },
    'steady-seconds': { type: 'string' },
  },
});
const QUICK = args.quick;
const PROJECTS = Number(args.projects ?? (QUICK ? 60 : 200));
const DURATION = Number(args.duration ?? (QUICK ? 3 : 8));
const RATE = Number(args.rate);
const CONNECTIONS = Number(args.connections);
const STEADY_SECONDS = Number(args['steady-seconds'] ?? (QUICK ? 6 : 15));
const API_COUNTS = [1, 2, 4] as const;
const WARM_UP_PER_SERVER = QUICK ? 100 : 300;
const WORKER_COUNTS = [1, 2, 3] as const;
const SERVER = process.env.KEEL_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const JOBS = PROJECTS * BENCH_JOB_TYPES.length;

const t0 = Date.now();
const log = (line: string) => process.stdout.write(`${line}\n`);
const note = (line: string) => log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Child processes (as in bench/chaos.ts): node --import tsx, killed with this process.
// ---------------------------------------------------------------------------------------------

type Child = KeelChild;

async function stopChild(c: Child): Promise<void> {
  if (c.proc.exitCode !== null || c.proc.signalCode !== null) return;
  c.proc.kill('SIGTERM');
  const timer = setTimeout(() => c.proc.kill('SIGKILL'), 15_000);
  await c.exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------
// SSE: one client per server on the workspace stream (API key), collecting job.finished run ids.
// ---------------------------------------------------------------------------------------------

type SseClient = { name: string; finished: Set<string>; drops: number; close(): void };

function openSse(name: string, baseUrl: string, token: string): Promise<SseClient> {
  const client: SseClient = { name, finished: new Set(), drops: 0, close: () => {} };
  let stopped = false;
  return new Promise((resolveOpen, reject) => {
    const req = request(
      `${baseUrl}/events/stream`,
      { headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` } },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`${name}: SSE answered ${res.statusCode}`));
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          if (buffer.includes(': connected')) resolveOpen(client);
          let end = buffer.indexOf('\n\n');
          while (end !== -1) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (/^event: job\.finished$/m.test(block)) {
              const data = /^data: (.*)$/m.exec(block)?.[1];
              const runId = data
                ? (JSON.parse(data) as { data?: { runId?: string } }).data?.runId
                : undefined;
              if (runId) client.finished.add(runId);
            }
            end = buffer.indexOf('\n\n');
          }
        });
        res.on('close', () => {
          if (!stopped) client.drops += 1;
        });
      },
    );
    req.on('error', (e) => (stopped ? undefined : reject(e)));
    req.end();
    client.close = () => {
      stopped = true;
      req.destroy();
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Load and measurements.
// ---------------------------------------------------------------------------------------------

type Load = { rps: number; total: number; p50: number; p99: number; errors: number };

async function drive(urls: string[], token: string, rate?: number, duration = DURATION): Promise<Load> {
  const result = await autocannon({
    // autocannon spreads its connections over several URLs (connection i → urls[i % n]);
    // its type declaration knows one URL only.
    url: urls as unknown as string,
    headers: { authorization: `Bearer ${token}` },
    connections: CONNECTIONS,
    duration,
    ...(rate ? { overallRate: rate } : {}),
  });
  return {
    rps: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/**
 * CPU seconds a set of processes has used (utime + stime from /proc, in clock ticks of 10 ms):
 * on a machine shared with other work, CPU per request or per job is the figure the neighbours
 * do not distort, while throughput and latency are.
 */
function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // Fields after the command name (which may contain spaces): utime and stime are 12th and 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    } catch {
      // the process has gone: its CPU is no longer counted
    }
  }
  return ticks / 100;
}

type Cpu = { node: number; pg: number };

type Round = {
  label: string;
  workers: number;
  jobs: number;
  firstDue: Date;
  lastDue: Date;
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  api?: Load;
  /** CPU per job (ms); in steady rounds the workers' only (PostgreSQL serves the API too). */
  cpu?: Cpu;
  /** Servers' CPU per request (ms) while the API took load beside the jobs. */
  apiCpu?: number;
};

async function main(): Promise<number> {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  const cleanup = async () => {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => void cleanup().then(() => process.exit(130)));
  try {
    return await run(cleanups);
  } finally {
    await cleanup();
  }
}

async function run(cleanups: (() => Promise<unknown> | unknown)[]): Promise<number> {
  const load0 = loadavg();
  log(
    `bench processes — ${new Date().toISOString()}${QUICK ? ' (quick)' : ''}: ${PROJECTS} projects, ${JOBS} scheduled jobs, autocannon ${CONNECTIONS} connections × ${DURATION} s`,
  );
  log(`  load average at start: ${load0.map((l) => l.toFixed(2)).join(' ')}`);

  // One PostgreSQL database and one Redis of this run's own.
  const database = `keel_bench_processes_${randomBytes(4).toString('hex')}`;
  const admin = postgres(SERVER, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${database}`);
  cleanups.push(async () => {
    await admin.unsafe(`drop database if exists ${database} with (force)`);
    await admin.end();
  });
  const url = withDatabase(SERVER, database);
  const handle = await createDatabase({ url, max: 4 });
  cleanups.push(() => handle.close());
  await migrateDatabase(handle);
  const redis = await startTestRedis();
  cleanups.push(() => redis.close());
  const { db } = handle;
  // CPU of Node processes and of this database's PostgreSQL backends, per process id.
  type CpuSample = { node: Map<number, number>; pg: Map<number, number> };
  const perPid = (pids: number[]) => new Map(pids.map((p) => [p, cpuSeconds([p])]));
  const sampleCpu = async (nodePids: number[]): Promise<CpuSample> => {
    const backends = await queryRows<{ pid: number }>(
      db,
      sql`select pid from pg_stat_activity where datname = current_database()`,
    );
    return { node: perPid(nodePids), pg: perPid(backends.map((b) => b.pid)) };
  };
  const since = async (before: CpuSample, nodePids: number[], per: number): Promise<Cpu> => {
    const after = await sampleCpu(nodePids);
    const used = (a: Map<number, number>, b: Map<number, number>) => {
      let total = 0;
      for (const [pid, secs] of b) total += secs - (a.get(pid) ?? 0);
      return total;
    };
    return {
      node: (1000 * used(before.node, after.node)) / per,
      pg: (1000 * used(before.pg, after.pg)) / per,
    };
  };

  const owner = await ensureUser(db, {
    email: 'bench@keel.local',
    name: 'Bench',
    password: 'bench password 1',
    workspaceSlug: 'bench',
    workspaceName: 'Bench',
    role: 'owner',
  });
  await seedPortfolio(db, owner.workspace.id, PROJECTS, new Date());
  const key = await createApiKey(db, {
    accountScopeId: owner.workspace.id,
    userId: owner.user.id,
    name: 'bench',
  });
  // The bench's jobs for every project, none due until a round makes them due.
  await ensureDefaultScheduledJobs(db, { now: new Date(), registry: benchJobs });
  await db.execute(sql`update scheduled_jobs set next_run_at = now() + interval '1 day'`);
  await db.execute(sql`create table bench_job_probe (
    id bigserial primary key, project_id uuid not null, job_type text not null, run_id uuid not null,
    pid int not null, started_at timestamptz not null default clock_timestamp(), finished_at timestamptz)`);
  note(`database ${database} migrated and seeded; redis-server on port ${redis.port}`);

  const ENCRYPTION_KEY = randomBytes(32).toString('hex');
  const baseEnv: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: url,
    REDIS_URL: redis.url,
    ENCRYPTION_KEY,
    WORKER_IN_PROCESS: 'false',
    KEEL_DEMO: 'false',
    // 4 servers × 8 + 3 workers × 3 + this process's 4 stay well under max_connections = 100.
    DB_POOL_MAX: '8',
  };

  // Four API servers, booted together; the API rounds drive 1, 2 and 4 of them.
  const servers: { url: string; child: Child }[] = [];
  for (let i = 1; i <= 4; i += 1) {
    const port = await freePort();
    const child = spawnKeel(
      `server-${i}`,
      'apps/server/src/main.ts',
      [],
      { ...baseEnv, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port) },
      'Keel API listening',
    );
    servers.push({ url: `http://127.0.0.1:${port}`, child });
  }
  cleanups.push(() => Promise.all(servers.map((s) => stopChild(s.child))));
  await Promise.all(servers.map((s) => s.child.ready));
  const serverDeaths: string[] = [];
  let running = true;
  for (const s of servers)
    void s.child.exited.then((code) => {
      if (running) serverDeaths.push(`${s.child.name} exited with ${code}: ${s.child.output().slice(-1500)}`);
    });
  for (const s of servers) {
    const res = await fetch(`${s.url}/portfolio/overview`, {
      headers: { authorization: `Bearer ${key.key}` },
    });
    const body = (await res.json()) as { data?: { projects: unknown[]; totals?: unknown } };
    if (res.status !== 200 || !body.data?.projects.length)
      throw new Error(`${s.child.name}: GET /portfolio/overview answered ${res.status}`);
  }
  note(`4 API servers up (${servers.map((s) => s.url.replace('http://127.0.0.1:', ':')).join(' ')})`);

  // -------------------------------------------------------------------------------------------
  // 1. API throughput over 1, 2 and 4 servers.
  // -------------------------------------------------------------------------------------------
  const urlsOf = (n: number) => servers.slice(0, n).map((s) => `${s.url}/portfolio/overview`);
  // Warm every server by a count of requests, not a time: on a loaded machine a few seconds may
  // bring a server only a few dozen requests, and a cold process (JIT, per-process caches) costs
  // more CPU per request than a warm one.
  await autocannon({
    url: urlsOf(4) as unknown as string,
    headers: { authorization: `Bearer ${key.key}` },
    connections: CONNECTIONS,
    amount: WARM_UP_PER_SERVER * 4,
  });
  const apiRows: { servers: number; max: Load; atRate: Load; cpu: Cpu }[] = [];
  const serverPids = servers.flatMap((s) => (s.child.proc.pid ? [s.child.proc.pid] : []));
  for (const n of API_COUNTS) {
    const before = await sampleCpu(serverPids);
    const max = await drive(urlsOf(n), key.key);
    const cpu = await since(before, serverPids, Math.max(1, max.total));
    const atRate = await drive(urlsOf(n), key.key, RATE);
    apiRows.push({ servers: n, max, atRate, cpu });
    note(
      `API over ${n} server${n > 1 ? 's' : ''}: max ${max.rps.toFixed(0)} req/s (p99 ${max.p99} ms; CPU per request: servers ${cpu.node.toFixed(2)} ms, PostgreSQL ${cpu.pg.toFixed(2)} ms); at ${RATE} req/s offered p99 ${atRate.p99} ms, served ${atRate.rps.toFixed(0)}`,
    );
  }

  // -------------------------------------------------------------------------------------------
  // 2. Jobs over 1, 2 and 3 workers, SSE clients on every server.
  // -------------------------------------------------------------------------------------------
  const sse = await Promise.all(servers.map((s, i) => openSse(`server-${i + 1}`, s.url, key.key)));
  cleanups.push(() => {
    for (const c of sse) c.close();
  });
  const workers: Child[] = [];
  cleanups.push(() => Promise.all(workers.map(stopChild)));
  const startWorker = async () => {
    const n = workers.length + 1;
    const child = spawnKeel(
      `worker-${n}`,
      'apps/worker/src/worker-loop.ts',
      // A 1 s interval: a worker that found nothing due looks again within a second; otherwise it
      // sleeps until the next due time it knows of (docs/jobs.md).
      [
        '--interval-ms',
        '1000',
        '--lease-ms',
        '30000',
        '--jobs-module',
        JOBS_MODULE,
        '--worker-id',
        `bench-w${n}`,
      ],
      { ...baseEnv, LOG_LEVEL: 'info' },
      'worker loop started',
    );
    workers.push(child);
    await child.ready;
  };

  type Stats = { n: number; p50: number; p95: number; p99: number; max: number; first: Date; last: Date };
  const statsBetween = async (firstDue: Date, lastDue: Date): Promise<Stats> => {
    const [row] = await queryRows<{
      n: number;
      p50: number;
      p95: number;
      p99: number;
      max: number;
      first: Date | string;
      last: Date | string;
    }>(
      db,
      sql`with r as (
            select finished_at, extract(epoch from finished_at - (meta->>'dueAt')::timestamptz) * 1000 as ms
            from job_runs where job_type like 'bench_%' and status = 'succeeded'
              and (meta->>'dueAt')::timestamptz between ${firstDue.toISOString()}::timestamptz and ${lastDue.toISOString()}::timestamptz)
          select count(*)::int as n,
                 coalesce(percentile_cont(0.5) within group (order by ms), 0)::float as p50,
                 coalesce(percentile_cont(0.95) within group (order by ms), 0)::float as p95,
                 coalesce(percentile_cont(0.99) within group (order by ms), 0)::float as p99,
                 coalesce(max(ms), 0)::float as max, min(finished_at) as first, max(finished_at) as last
          from r`,
    );
    if (!row) throw new Error('no statistics');
    return { ...row, first: new Date(row.first), last: new Date(row.last) };
  };
  const waitForRuns = async (firstDue: Date, lastDue: Date, expected: number, label: string) => {
    const until = Date.now() + 180_000;
    for (;;) {
      const [row] = await queryRows<{ done: number; failed: number }>(
        db,
        sql`select count(*) filter (where status <> 'running')::int as done,
                   count(*) filter (where status in ('failed', 'dead'))::int as failed
            from job_runs where job_type like 'bench_%'
              and (meta->>'dueAt')::timestamptz between ${firstDue.toISOString()}::timestamptz and ${lastDue.toISOString()}::timestamptz`,
      );
      if ((row?.done ?? 0) >= expected) return;
      if (Date.now() > until)
        throw new Error(
          `${label}: ${row?.done ?? 0}/${expected} runs finished after 180 s (${row?.failed} failed)`,
        );
      await sleep(200);
    }
  };
  const dbNow = async () =>
    await queryRows<{ now: Date | string }>(db, sql`select now() as now`).then(
      (r) => new Date(r[0]?.now ?? Date.now()),
    );

  const rounds: Round[] = [];
  let steadyRate = 0;
  for (const w of WORKER_COUNTS) {
    while (workers.length < w) await startWorker();
    await sleep(1500);

    // Burst: every job due at one moment, 2 s from now (the workers look at least once a second).
    const workerPids = workers.flatMap((c) => (c.proc.pid ? [c.proc.pid] : []));
    const before = await sampleCpu(workerPids);
    const due = new Date((await dbNow()).getTime() + 2000);
    await db.execute(sql`update scheduled_jobs set next_run_at = ${due.toISOString()}::timestamptz`);
    await waitForRuns(due, due, JOBS, `burst with ${w} workers`);
    const cpu = await since(before, workerPids, JOBS);
    const burst = await statsBetween(due, due);
    const seconds = (burst.last.getTime() - due.getTime()) / 1000;
    rounds.push({
      label: 'burst',
      workers: w,
      jobs: burst.n,
      firstDue: due,
      lastDue: due,
      seconds,
      ...burst,
      cpu,
    });
    if (w === 1) steadyRate = Math.max(1, Math.floor((0.5 * JOBS) / seconds));
    note(
      `${w} worker${w > 1 ? 's' : ''}, burst of ${JOBS}: ${(JOBS / seconds).toFixed(1)} jobs/s; due → finished p50 ${burst.p50.toFixed(0)} ms, p99 ${burst.p99.toFixed(0)} ms; CPU per job: workers ${cpu.node.toFixed(1)} ms, PostgreSQL ${cpu.pg.toFixed(1)} ms`,
    );

    // Steady: due times spread at half of one worker's burst rate, the API under load meanwhile.
    const count = Math.min(JOBS, Math.round(steadyRate * STEADY_SECONDS));
    const first = new Date((await dbNow()).getTime() + 2000);
    const spacingMs = 1000 / steadyRate;
    await db.execute(sql`update scheduled_jobs s set next_run_at = ${first.toISOString()}::timestamptz + make_interval(secs => (o.k - 1) * ${spacingMs / 1000}::float)
      from (select id, row_number() over (order by hashtext(id::text)) as k from scheduled_jobs) o
      where o.id = s.id and o.k <= ${count}`);
    const last = new Date(first.getTime() + (count - 1) * spacingMs + 1);
    const workersBefore = await sampleCpu(workerPids);
    const serversBefore = await sampleCpu(serverPids);
    const [api] = await Promise.all([
      drive(urlsOf(4), key.key, RATE, Math.ceil(STEADY_SECONDS + 2)),
      waitForRuns(first, last, count, `steady stream with ${w} workers`),
    ]);
    await waitForRuns(first, last, count, `steady stream with ${w} workers`);
    // PostgreSQL's CPU serves both here, so only the Node side is split.
    const steadyCpu = { node: (await since(workersBefore, workerPids, count)).node, pg: Number.NaN };
    const apiCpu = (await since(serversBefore, serverPids, Math.max(1, api.total))).node;
    const steady = await statsBetween(first, last);
    rounds.push({
      label: `steady ${steadyRate}/s`,
      workers: w,
      jobs: steady.n,
      firstDue: first,
      lastDue: last,
      seconds: (steady.last.getTime() - first.getTime()) / 1000,
      ...steady,
      api,
      apiCpu,
      cpu: steadyCpu,
    });
    note(
      `${w} worker${w > 1 ? 's' : ''}, steady ${steadyRate} jobs/s for ${STEADY_SECONDS} s with the API at ${RATE} req/s: due → finished p50 ${steady.p50.toFixed(0)} ms, p99 ${steady.p99.toFixed(0)} ms; API p99 ${api.p99} ms`,
    );
  }
  // Let the last job.finished events cross Redis to every server and stream.
  await sleep(1500);
  running = false;

  // -------------------------------------------------------------------------------------------
  // 3. Checks.
  // -------------------------------------------------------------------------------------------
  type Check = { name: string; ok: boolean; detail: string };
  const checks: Check[] = [];
  const one = async <T>(q: Promise<T[]>) => (await q)[0] as T;
  const expectedRuns = rounds.reduce((a, r) => a + r.jobs, 0);
  const runs = await one(
    queryRows<{ total: number; succeeded: number; failed: number; running: number; workers: number }>(
      db,
      sql`select count(*)::int as total, count(*) filter (where status = 'succeeded')::int as succeeded,
                 count(*) filter (where status not in ('succeeded', 'running'))::int as failed,
                 count(*) filter (where status = 'running')::int as running,
                 count(distinct meta->>'worker')::int as workers
          from job_runs where job_type like 'bench_%'`,
    ),
  );
  const overlaps = await one(
    queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from job_runs a join job_runs b
            on a.scheduled_job_id = b.scheduled_job_id and a.id < b.id
           and a.started_at < coalesce(b.finished_at, now()) and b.started_at < coalesce(a.finished_at, now())
          where a.job_type like 'bench_%'`,
    ),
  );
  const probeOverlaps = await one(
    queryRows<{ n: number; probes: number; pids: number }>(
      db,
      sql`select (select count(*)::int from bench_job_probe a join bench_job_probe b
                    on a.project_id = b.project_id and a.job_type = b.job_type and a.id < b.id
                   and a.started_at < coalesce(b.finished_at, 'infinity') and b.started_at < coalesce(a.finished_at, 'infinity')) as n,
                 (select count(*)::int from bench_job_probe) as probes,
                 (select count(distinct pid)::int from bench_job_probe) as pids`,
    ),
  );
  checks.push({
    name: 'no job ran twice at once',
    ok: overlaps.n === 0 && probeOverlaps.n === 0,
    detail: `${overlaps.n} overlapping pairs among ${runs.total} job_runs; ${probeOverlaps.n} among ${probeOverlaps.probes} handler probes from ${probeOverlaps.pids} worker processes`,
  });
  const perDue = await one(
    queryRows<{ doubled: number; missing: number }>(
      db,
      sql`with due as (
            select scheduled_job_id, meta->>'dueAt' as due_at, count(*) as n from job_runs
            where job_type like 'bench_%' and status = 'succeeded' group by 1, 2)
          select (select count(*)::int from due where n > 1) as doubled,
                 (select count(*)::int from scheduled_jobs where status <> 'idle' or next_run_at <= now()) as missing`,
    ),
  );
  checks.push({
    name: 'every due job ran exactly once',
    ok:
      runs.succeeded === expectedRuns &&
      perDue.doubled === 0 &&
      perDue.missing === 0 &&
      runs.failed === 0 &&
      runs.running === 0,
    detail: `${runs.succeeded} succeeded runs for ${expectedRuns} due times (${rounds.length} rounds); ${perDue.doubled} due times run twice; ${perDue.missing} jobs left due or not idle; ${runs.failed} failed; ${runs.running} left running; runs by ${runs.workers} workers`,
  });
  const succeededIds = new Set(
    (
      await queryRows<{ id: string }>(
        db,
        sql`select id from job_runs where job_type like 'bench_%' and status = 'succeeded'`,
      )
    ).map((r) => r.id),
  );
  const sseDetail = sse.map((c) => {
    let missing = 0;
    for (const id of succeededIds) if (!c.finished.has(id)) missing += 1;
    return { name: c.name, got: c.finished.size, missing, drops: c.drops };
  });
  checks.push({
    name: 'every job.finished reached an SSE client on every server',
    ok: sseDetail.every((c) => c.missing === 0 && c.drops === 0),
    detail: sseDetail
      .map((c) => `${c.name} ${c.got}/${succeededIds.size}${c.drops ? ` (${c.drops} drops)` : ''}`)
      .join(', '),
  });
  checks.push({
    name: 'API servers stayed up',
    ok: serverDeaths.length === 0,
    detail: serverDeaths.length ? serverDeaths.join('; ') : `${servers.length} servers up throughout`,
  });
  const apiErrors =
    apiRows.reduce((a, r) => a + r.max.errors + r.atRate.errors, 0) +
    rounds.reduce((a, r) => a + (r.api?.errors ?? 0), 0);
  checks.push({
    name: 'no API errors',
    ok: apiErrors === 0,
    detail: `${apiErrors} errors, timeouts or non-2xx answers`,
  });

  // -------------------------------------------------------------------------------------------
  // Report.
  // -------------------------------------------------------------------------------------------
  const load1 = loadavg();
  const base = apiRows[0]?.max.rps ?? 1;
  // What the scheduler's bookkeeping costs in storage (docs/scaling.md multiplies it out).
  await db.execute(sql`vacuum analyze job_runs`);
  await db.execute(sql`vacuum analyze worker_runs`);
  const storage = await queryRows<{ name: string; rows: number; bytes: number }>(
    db,
    sql`select 'job_runs' as name, (select count(*)::int from job_runs) as rows,
               pg_total_relation_size('job_runs')::bigint::float as bytes
        union all
        select 'worker_runs', (select count(*)::int from worker_runs), pg_total_relation_size('worker_runs')::bigint::float`,
  );
  const lines = [
    '',
    `bench processes — ${new Date().toISOString()}, PostgreSQL + Redis, ${PROJECTS} projects; load average ${load0[0]?.toFixed(2)} at start, ${load1[0]?.toFixed(2)} at end`,
    '',
    `API: GET /portfolio/overview (first page of ${PROJECTS}), ${CONNECTIONS} connections spread over the servers, ${DURATION} s per run`,
    `  servers   max req/s   × 1 server   p99 at max   CPU ms/req: servers   PostgreSQL   p99 at ${`${RATE} req/s`.padEnd(10)} served`,
    ...apiRows.map(
      (r) =>
        `  ${String(r.servers).padStart(7)}   ${r.max.rps.toFixed(0).padStart(9)}   ${(r.max.rps / base).toFixed(2).padStart(10)}   ${`${r.max.p99} ms`.padStart(10)}   ${r.cpu.node.toFixed(2).padStart(19)}   ${r.cpu.pg.toFixed(2).padStart(10)}   ${`${r.atRate.p99} ms`.padStart(10)}   ${r.atRate.rps.toFixed(0).padStart(6)}`,
    ),
    '',
    `Jobs: ${JOBS} scheduled jobs (bench_sync: 40 ms vendor wait + 2 ms CPU; bench_score: 15 ms CPU + a read), due → finished from job_runs`,
    '  workers   round                 jobs   jobs/s     p50 ms   p95 ms   p99 ms   max ms   CPU ms/job: workers   PostgreSQL   API p99 (req/s served)',
    ...rounds.map(
      (r) =>
        `  ${String(r.workers).padStart(7)}   ${r.label.padEnd(18)} ${String(r.jobs).padStart(7)}   ${(r.jobs / Math.max(0.001, r.seconds)).toFixed(1).padStart(6)}   ${r.p50.toFixed(0).padStart(8)} ${r.p95.toFixed(0).padStart(8)} ${r.p99.toFixed(0).padStart(8)} ${r.max.toFixed(0).padStart(8)}   ${(r.cpu ? r.cpu.node.toFixed(1) : '—').padStart(19)}   ${(r.cpu && Number.isFinite(r.cpu.pg) ? r.cpu.pg.toFixed(1) : '—').padStart(10)}   ${r.api ? `${r.api.p99} ms (${r.api.rps.toFixed(0)}; servers ${r.apiCpu?.toFixed(2)} CPU ms/req)` : '—'}`,
    ),
    '',
    '  This machine has 2 cores shared by every server, worker, PostgreSQL, Redis and autocannon:',
    '  the figures show correctness and the absence of a contention cliff as processes are added,',
    '  not the linear speed-up separate machines would give. CPU per request and per job (from /proc)',
    '  is the figure other load on the machine distorts least: flat as processes are added = no cliff.',
    '',
    `  Storage: ${storage.map((r) => `${r.name} ${r.rows} rows, ${(r.bytes / Math.max(1, r.rows)).toFixed(0)} bytes/row with indexes`).join('; ')}`,
    '',
    ...checks.map((c) => `  ${c.ok ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`),
    '',
  ];
  log(lines.join('\n'));
  const failed = checks.filter((c) => !c.ok);
  if (failed.length) {
    log(`bench processes FAILED: ${failed.map((c) => c.name).join(', ')}`);
    return 1;
  }
  log(`bench processes passed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `bench processes aborted: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  },
);
