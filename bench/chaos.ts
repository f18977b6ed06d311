/**
 * `pnpm chaos` — the fault run (issue 13, docs/reliability.md). Its own PostgreSQL (initdb into
 * a temporary folder, another port) and its own Redis, so it may stop them freely; the sandbox
 * emulators with 10 % faulted vendor responses; two API servers and two worker loops as child
 * processes; SSE clients on both servers. Then chaos — Redis stopped and started, PostgreSQL
 * restarted, a worker SIGKILLed `--kills` times at random points and restarted each time — and,
 * once quiet, the checks. Exits 1 when a check fails.
 *
 *   pnpm chaos [--kills 50] [--duration 120] [--size tiny] [--seed 7] [--keep]
 */
import { execFile, execFileSync } from 'node:child_process';
import { type KeelChild, spawnKeel } from './lib/keel-child.ts';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { parseEnv } from '@keel/core/env';
import { silentLogger } from '@keel/core/logger';
import { freePort, startTestRedis, type TestRedis } from '@keel/core/test-redis';
import { createAppDeps } from '@keel/app/deps';
import { ownerActing } from '@keel/app/identity';
import { ensureDefaultScheduledJobs } from '@keel/app/scheduler/ensure-jobs';
import { syncDepsOf } from '@keel/app/services/connector-sync';
import { ensureDemoWorkspace } from '@keel/app/services/demo';
import { createProject } from '@keel/app/services/projects';
import { saveSandboxCredentials } from '@keel/connectors/sandbox-credentials';
import { bindPortfolio } from '@keel/connectors/portfolio-bindings';
import { runReconciliation } from '@keel/connectors/reconciliation';
import { migrateDatabase } from '@keel/db/migrate';
import { startSandbox } from '@keel/sandbox/emulators/start';
import { sandboxPortfolio } from '@keel/sandbox/keel-portfolio';
import type { SizeName } from '@keel/sandbox/sizes';

const PG_BIN = process.env.KEEL_CHAOS_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const EMAIL = 'chaos@keel.local';
const PASSWORD = 'chaos-run-2026';

const { values: args } = parseArgs({
  options: {
    kills: { type: 'string', default: '50' },
    duration: { type: 'string', default: '120' },
    size: { type: 'string', default: 'tiny' },
    seed: { type: 'string', default: '7' },
    faults: { type: 'string', default: '0.1' },
    keep: { type: 'boolean', default: false },
  },
});
const KILLS = Number(args.kills);
const DURATION_MS = Number(args.duration) * 1000;
const FAULT_RATE = Number(args.faults);
const LEASE_MS = 4000;
/** A connector sync that found its sync lease held ("busy") did not sync: it does not count as done. */
const BUSY = '%another sync of this project and connector is running%';

const t0 = Date.now();
const since = () => `${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s`;
const log = (msg: string) => process.stdout.write(`[chaos ${since()}] ${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rand = (min: number, max: number) => min + Math.random() * (max - min);

// ---------------------------------------------------------------------------------------------
// PostgreSQL of our own: initdb into a temporary folder, trust auth, another port.
// ---------------------------------------------------------------------------------------------

const asRoot = process.getuid?.() === 0;

/** initdb and pg_ctl refuse to run as root: as root they run as the postgres user. */
function pgArgv(bin: string, argv: string[]): [string, string[]] {
  const file = join(PG_BIN, bin);
  return asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...argv]] : [file, argv];
}

function pgCommand(bin: string, argv: string[]): void {
  const [file, rest] = pgArgv(bin, argv);
  execFileSync(file, rest, { stdio: 'pipe' });
}

/** Asynchronous, so SSE clients and timers keep running while PostgreSQL restarts. */
function pgCommandAsync(bin: string, argv: string[]): Promise<void> {
  const [file, rest] = pgArgv(bin, argv);
  return new Promise((resolveRun, reject) => {
    execFile(file, rest, (error) => (error ? reject(error) : resolveRun()));
  });
}

type OwnPostgres = { port: number; url: string; restart(): Promise<void>; stop(): void };

async function startOwnPostgres(dir: string): Promise<OwnPostgres> {
  const data = join(dir, 'data');
  mkdirSync(dir, { recursive: true });
  if (asRoot) {
    // mkdtemp made the parent 0700 for root: the postgres user must be able to traverse it.
    chmodSync(dirname(dir), 0o711);
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  pgCommand('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses='127.0.0.1'",
    '-c max_connections=200',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c shared_buffers=64MB',
  ].join(' ');
  const logFile = join(dir, 'postgres.log');
  pgCommand('pg_ctl', ['-D', data, '-o', options, '-l', logFile, '-w', '-t', '60', 'start']);
  const admin = postgres(`postgres://postgres@127.0.0.1:${port}/postgres`, { max: 1, onnotice: () => {} });
  await admin.unsafe('create database keel');
  await admin.end();
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/keel`,
    // pg_ctl restart reuses the options the server was started with (postmaster.opts).
    // -l again: otherwise the new postmaster writes to (and holds open) this process's pipe.
    restart: () =>
      pgCommandAsync('pg_ctl', ['-D', data, '-l', logFile, '-m', 'fast', '-w', '-t', '60', 'restart']),
    stop: () => {
      try {
        pgCommand('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Child processes: API servers and worker loops (node --import tsx, so a SIGKILL hits the process itself).
// ---------------------------------------------------------------------------------------------

type Child = KeelChild;

// ---------------------------------------------------------------------------------------------
// SSE clients: count resync and job events, reconnect when dropped.
// ---------------------------------------------------------------------------------------------

type SseCounter = {
  name: string;
  resyncAt: number[];
  jobEvents: number;
  reconnects: number;
  close(): void;
};

function openSseCounter(name: string, baseUrl: string, cookie: string): SseCounter {
  const counter: SseCounter = { name, resyncAt: [], jobEvents: 0, reconnects: -1, close: () => {} };
  let stopped = false;
  let current: ReturnType<typeof request> | null = null;
  const connect = () => {
    if (stopped) return;
    counter.reconnects += 1;
    const req = request(
      `${baseUrl}/events/stream`,
      { headers: { accept: 'text/event-stream', cookie } },
      (res) => {
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end = buffer.indexOf('\n\n');
          while (end !== -1) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (/^event: resync$/m.test(block)) counter.resyncAt.push(Date.now());
            else if (/^event: job\./m.test(block)) counter.jobEvents += 1;
            end = buffer.indexOf('\n\n');
          }
        });
        res.on('close', () => {
          if (!stopped) setTimeout(connect, 500);
        });
      },
    );
    req.on('error', () => {
      if (!stopped) setTimeout(connect, 500);
    });
    req.end();
    current = req;
  };
  connect();
  counter.close = () => {
    stopped = true;
    current?.destroy();
  };
  return counter;
}

async function httpJson(
  method: string,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown; cookies: string[] }> {
  const res = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, cookies: res.headers.getSetCookie() };
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

// ---------------------------------------------------------------------------------------------
// The run.
// ---------------------------------------------------------------------------------------------

type Check = { name: string; ok: boolean; detail: string };

async function main(): Promise<number> {
  const tmp = mkdtempSync(join(tmpdir(), 'keel-chaos-'));
  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanup = async () => {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
    if (!args.keep) rmSync(tmp, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => void cleanup().then(() => process.exit(130)));

  try {
    log(`temporary folder ${tmp}`);
    const pg = await startOwnPostgres(join(tmp, 'pg'));
    cleanups.push(() => pg.stop());
    log(`PostgreSQL 15 on 127.0.0.1:${pg.port} (own cluster)`);
    const redis: TestRedis = await startTestRedis({ dir: tmp });
    cleanups.push(() => redis.close());
    log(`redis-server on 127.0.0.1:${redis.port} (own)`);

    const sandbox = await startSandbox({
      size: args.size as SizeName,
      seed: Number(args.seed),
      baseDate: new Date(),
      // Slow responses are held 3 s (not the default 15 s) so the run fits in a few minutes.
      faults: { rate: FAULT_RATE, retryAfterSeconds: 1, slowMs: 3000 },
    });
    cleanups.push(() => sandbox.close());
    log(`sandbox (${args.size}, seed ${args.seed}) with ${FAULT_RATE * 100} % faulted responses`);

    const ENCRYPTION_KEY = randomBytes(32).toString('hex');
    const baseEnv: Record<string, string> = {
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: pg.url,
      ENCRYPTION_KEY,
      KEEL_SANDBOX: 'false',
      WORKER_IN_PROCESS: 'false',
      // The sandbox listens on loopback; connector egress guards must let it through.
      CONNECTOR_EGRESS_ALLOW: '127.0.0.0/8',
      LOGIN_MAX_ATTEMPTS: '50',
    };

    // This process's own view of the database (setup, reconciliation): no Redis, small pool.
    const runtime = await createAppDeps(parseEnv({ ...baseEnv }), { logger: silentLogger, poolMax: 4 });
    cleanups.push(() => runtime.close());
    await migrateDatabase(runtime.handle);
    const { db } = runtime.deps;
    const demo = await ensureDemoWorkspace(
      db,
      { email: EMAIL, password: PASSWORD },
      { starterProjects: false },
    );
    const accountScopeId = demo.workspace.id;
    const now = new Date();
    await saveSandboxCredentials(db, runtime.deps.secrets, accountScopeId, sandbox, now);
    const auth = ownerActing(demo.user, accountScopeId);
    const bound = await bindPortfolio(db, accountScopeId, sandboxPortfolio(sandbox.dataset), (p) =>
      createProject(
        db,
        auth,
        { name: p.name, ...(p.clientName ? { clientName: p.clientName } : {}) },
        'chaos',
      ),
    );
    await ensureDefaultScheduledJobs(db, { now });
    log(`workspace with ${bound.length} projects bound to the sandbox`);

    // Plain SQL for the cadence and the checks (survives the PostgreSQL restart by reconnecting).
    const sql = postgres(pg.url, { max: 2, onnotice: () => {}, connect_timeout: 5 });
    cleanups.push(() => sql.end({ timeout: 1 }));
    const makeDue = () =>
      sql`update scheduled_jobs set next_run_at = now() where enabled and status = 'idle' and next_run_at > now()`;
    await makeDue();

    // Two API servers.
    const serverEnv = { ...baseEnv, REDIS_URL: redis.url, HOST: '127.0.0.1' };
    const servers: { url: string; child: Child }[] = [];
    for (const i of [1, 2]) {
      const port = await freePort();
      const child = spawnKeel(
        `server-${i}`,
        'apps/server/src/main.ts',
        [],
        { ...serverEnv, PORT: String(port) },
        'Keel API listening',
      );
      servers.push({ url: `http://127.0.0.1:${port}`, child });
    }
    cleanups.push(async () => {
      for (const s of servers) s.child.proc.kill('SIGTERM');
      await Promise.race([Promise.all(servers.map((s) => s.child.exited)), sleep(10_000)]);
    });
    await Promise.all(servers.map((s) => s.child.ready));
    log(`API servers at ${servers.map((s) => s.url).join(', ')}`);

    // Two worker loops, restarted whenever they exit until the chaos is over.
    let supervising = true;
    let workerSeq = 0;
    const workers: ((Child & { workerId: string }) | null)[] = [null, null];
    // info: the supervisor waits for "worker loop started" before it picks a moment to kill.
    const workerEnv = { ...baseEnv, REDIS_URL: redis.url, LOG_LEVEL: 'info' };
    const startWorker = (slot: number) => {
      workerSeq += 1;
      const id = workerSeq;
      const child = spawnKeel(
        `worker-${slot}.${workerSeq}`,
        'apps/worker/src/worker-loop.ts',
        [
          '--interval-ms',
          '300',
          '--lease-ms',
          String(LEASE_MS),
          '--worker-id',
          `chaos-w${slot}-${workerSeq}`,
        ],
        workerEnv,
        'worker loop started',
      );
      const worker = Object.assign(child, { workerId: `chaos-w${slot}-${id}` });
      workers[slot] = worker;
      void child.exited.then(() => {
        if (workers[slot] === worker) workers[slot] = null;
        if (supervising) setTimeout(() => supervising && !workers[slot] && startWorker(slot), 200);
      });
    };
    startWorker(0);
    startWorker(1);
    cleanups.push(async () => {
      supervising = false;
      for (const w of workers) w?.proc.kill('SIGKILL');
    });

    // SSE clients: two on each server, signed in as the workspace owner on a project.
    const loginRes = await httpJson('POST', `${servers[0]?.url}/auth/login`, {
      email: EMAIL,
      password: PASSWORD,
    });
    if (loginRes.status !== 200)
      throw new Error(`login failed: ${loginRes.status} ${JSON.stringify(loginRes.json)}`);
    const cookie = (loginRes.cookies.find((c) => c.startsWith('keel_session=')) ?? '').split(';')[0] ?? '';
    const csrf = (loginRes.json as { data: { csrfToken: string } }).data.csrfToken;
    const firstProject = bound[0]?.projectId;
    if (!firstProject) throw new Error('no project bound');
    const sel = await httpJson('POST', `${servers[0]?.url}/projects/${firstProject}/select`, undefined, {
      cookie,
      'x-csrf-token': csrf,
    });
    if (sel.status !== 200) throw new Error(`select failed: ${sel.status}`);
    const sse: SseCounter[] = [];
    for (const [i, s] of servers.entries())
      for (const j of [1, 2]) sse.push(openSseCounter(`server-${i + 1}/client-${j}`, s.url, cookie));
    cleanups.push(() => {
      for (const c of sse) c.close();
    });

    // -----------------------------------------------------------------------------------------
    // Chaos.
    // -----------------------------------------------------------------------------------------
    log(
      `chaos: ${KILLS} worker kills, Redis stopped twice, PostgreSQL restarted, over ≥ ${DURATION_MS / 1000} s`,
    );
    const chaosStart = Date.now();
    const redisReturns: number[] = [];
    let pgRestarts = 0;
    let redisOutages = 0;
    let kills = 0;
    let killedMidJob = 0;
    let killedBooting = 0;
    const serverDeaths: string[] = [];
    for (const s of servers)
      void s.child.exited.then((code) => {
        if (supervising) serverDeaths.push(`${s.child.name} exited with ${code}`);
      });

    const cadence = setInterval(() => {
      makeDue().catch(() => undefined);
    }, 5000);
    const advancer = setInterval(() => sandbox.advance(1), 30_000);

    const events = (async () => {
      const at = (f: number) => chaosStart + f * DURATION_MS;
      const until = async (when: number) => {
        while (Date.now() < when) await sleep(100);
      };
      const redisDown = async () => {
        await redis.stop();
        redisOutages += 1;
        log('Redis stopped');
      };
      const redisUp = async () => {
        await redis.start();
        redisReturns.push(Date.now());
        log('Redis started');
      };
      const pgRestart = async () => {
        await pg.restart();
        pgRestarts += 1;
        log('PostgreSQL restarted (pg_ctl restart -m fast)');
      };
      await until(at(0.15));
      await redisDown();
      await until(at(0.25));
      await redisUp();
      await until(at(0.4));
      await pgRestart();
      await until(at(0.6));
      await redisDown();
      // PostgreSQL restarted while Redis is away too: the worst moment.
      await until(at(0.65));
      await pgRestart();
      await until(at(0.72));
      await redisUp();
    })();

    // One killer per worker slot, each waiting for its worker to be up before choosing a moment.
    const killer = async (slot: number) => {
      while (kills < KILLS) {
        const w = workers[slot];
        if (!w) {
          await sleep(100);
          continue;
        }
        // A random point in the worker's life. One kill in four lands while it boots (connecting,
        // migrating under the advisory lock, ensuring jobs); the others 0.1–2.5 s after it is up:
        // between ticks, mid-claim, mid-job or mid-settle.
        const booting = Math.random() < 0.25;
        if (booting) {
          await sleep(rand(200, 3000));
        } else {
          const up = await Promise.race([
            w.ready.then(
              () => true,
              () => false,
            ),
            w.exited.then(() => false),
          ]);
          if (!up) continue;
          await sleep(rand(100, 2500));
        }
        if (workers[slot] !== w || w.proc.exitCode !== null || kills >= KILLS) continue;
        const running = await sql<{ n: number }[]>`
          select count(*)::int as n from scheduled_jobs where status = 'running' and lease_owner = ${w.workerId}`
          .then((r) => r[0]?.n ?? 0)
          .catch(() => 0);
        w.proc.kill('SIGKILL');
        kills += 1;
        if (running > 0) killedMidJob += 1;
        else if (booting) killedBooting += 1;
        if (kills % 10 === 0)
          log(`${kills} workers killed (${killedMidJob} holding a job, ${killedBooting} while booting)`);
        await w.exited;
      }
    };

    await Promise.all([events, killer(0), killer(1)]);
    while (Date.now() < chaosStart + DURATION_MS) await sleep(200);
    clearInterval(cadence);
    clearInterval(advancer);
    const chaosSeconds = (Date.now() - chaosStart) / 1000;
    log(
      `chaos over after ${chaosSeconds.toFixed(0)} s; quiescing (vendor faults off, every job due once more)`,
    );

    // -----------------------------------------------------------------------------------------
    // Quiesce: faults off, dead jobs revived (as POST /jobs/:type/run does), every job due now;
    // wait until each enabled job has a finished run that started after this point.
    // -----------------------------------------------------------------------------------------
    const faults = sandbox.faults.log.length;
    const faultKinds = new Map<string, number>();
    for (const f of sandbox.faults.log) faultKinds.set(f.kind, (faultKinds.get(f.kind) ?? 0) + 1);
    sandbox.faults.configure({ rate: 0 });
    await waitFor('PostgreSQL', async () => (await sql`select 1`).length === 1, 30_000);
    const dead = await sql<{ n: number }[]>`
      update scheduled_jobs set status = 'idle', consecutive_failures = 0, last_error = null
      where status = 'dead' returning 1 as n`;
    const [{ mark } = { mark: new Date() }] = await sql<{ mark: Date }[]>`select now() as mark`;
    await sql`update scheduled_jobs set next_run_at = now() where enabled and status <> 'running'`;
    const enabled =
      (await sql<{ n: number }[]>`select count(*)::int as n from scheduled_jobs where enabled`)[0]?.n ?? 0;
    const pendingAfter = () =>
      sql<{ n: number }[]>`
      select count(*)::int as n from scheduled_jobs j where j.enabled and not exists (
        select 1 from job_runs r where r.scheduled_job_id = j.id and r.started_at >= ${mark}
          and r.status in ('succeeded', 'skipped') and r.meta::text not like ${BUSY})`.then(
        (r) => r[0]?.n ?? 0,
      );
    let pending = enabled;
    // A job a killed worker held when the chaos ended is parked by its takeover only now, if that
    // loss was its maxFailures-th in a row: it was parked by the chaos too, and is revived the same way.
    let revivedLater = 0;
    const quiesceUntil = Date.now() + 150_000;
    while (Date.now() < quiesceUntil) {
      pending = await pendingAfter().catch(() => pending);
      if (pending === 0) break;
      const parked = await sql<{ n: number }[]>`
        update scheduled_jobs set status = 'idle', consecutive_failures = 0, last_error = null, next_run_at = now()
        where status = 'dead' returning 1 as n`.catch(() => []);
      revivedLater += parked.length;
      // A job that was running at the mark (so not made due) and finished since is due once more too.
      await sql`
        update scheduled_jobs j set next_run_at = now()
        where j.enabled and j.status in ('idle', 'failed') and j.next_run_at > now() and not exists (
          select 1 from job_runs r where r.scheduled_job_id = j.id and r.started_at >= ${mark}
            and r.status in ('succeeded', 'skipped') and r.meta::text not like ${BUSY})`.catch(
        () => undefined,
      );
      await sleep(500);
    }
    // When jobs did not complete, what the live workers were doing is the first thing to read.
    if (pending > 0)
      for (const w of workers)
        if (w && 'output' in w && typeof w.output === 'function')
          log(`${w.workerId} (still running) last output:\n${String(w.output()).slice(-2500)}`);
    // Stop the workers gracefully and let leases of anything still running expire.
    supervising = false;
    for (const w of workers) w?.proc.kill('SIGTERM');
    await Promise.race([Promise.all(workers.map((w) => w?.exited)), sleep(15_000)]);
    await sleep(500);

    // -----------------------------------------------------------------------------------------
    // Checks.
    // -----------------------------------------------------------------------------------------
    const checks: Check[] = [];
    const one = async <T extends Record<string, unknown>>(q: Promise<T[]>) => (await q)[0] as T;

    const runs = await one(sql<
      { total: number; succeeded: number; skipped: number; failed: number; running: number }[]
    >`
      select count(*)::int as total,
        count(*) filter (where status = 'succeeded')::int as succeeded,
        count(*) filter (where status = 'skipped')::int as skipped,
        count(*) filter (where status = 'failed')::int as failed,
        count(*) filter (where status = 'running')::int as running
      from job_runs`);
    const abandoned = await one(sql<{ n: number }[]>`
      select count(*)::int as n from job_runs where error like 'abandoned:%'`);
    const stuck = await one(sql<{ n: number }[]>`
      select count(*)::int as n from job_runs where status = 'running'`);
    const stuckJobs = await one(sql<{ n: number }[]>`
      select count(*)::int as n from scheduled_jobs where status = 'running'`);
    const busyAfter = await one(sql<{ n: number }[]>`
      select count(*)::int as n from job_runs where started_at >= ${mark} and meta::text like ${BUSY}`);
    const busyAll = await one(sql<{ n: number }[]>`
      select count(*)::int as n from job_runs where meta::text like ${BUSY}`);
    // What did not complete, and why: the job, its state and its newest run.
    const pendingJobs =
      pending === 0
        ? []
        : await sql<{ job: string }[]>`
      select j.job_type || ' (' || j.status || ', failures ' || j.consecutive_failures
             || coalesce(', next ' || to_char(j.next_run_at, 'HH24:MI:SS'), '')
             || coalesce(', last error: ' || left(j.last_error, 160), '')
             || coalesce(', newest run ' || r.status || coalesce(': ' || left(coalesce(r.error, r.meta::text), 200), ''), '')
             || ')' as job
      from scheduled_jobs j
      left join lateral (select status, error, meta from job_runs where scheduled_job_id = j.id
                         order by started_at desc limit 1) r on true
      where j.enabled and not exists (
        select 1 from job_runs x where x.scheduled_job_id = j.id and x.started_at >= ${mark}
          and x.status in ('succeeded', 'skipped') and x.meta::text not like ${BUSY})`;
    checks.push({
      name: 'every due job completed',
      ok: pending === 0 && stuck.n === 0 && stuckJobs.n === 0,
      detail: `${enabled - pending}/${enabled} enabled jobs ran after the chaos; job_runs left running: ${stuck.n}; scheduled jobs left running: ${stuckJobs.n}; dead jobs revived for the last pass: ${dead.length}${revivedLater ? ` (+${revivedLater} parked after the chaos by the takeover of a killed worker's job)` : ''}; connector syncs that found the sync lease of a killed worker and did nothing ("busy"): ${busyAfter.n} after the chaos, ${busyAll.n} in all${pendingJobs.length ? `; not completed: ${pendingJobs.map((j) => j.job).join('; ')}` : ''}`,
    });

    const overlaps = await one(sql<{ n: number }[]>`
      select count(*)::int as n from job_runs a join job_runs b
        on a.scheduled_job_id = b.scheduled_job_id and a.id < b.id
       and a.started_at < coalesce(b.finished_at, now()) and b.started_at < coalesce(a.finished_at, now())`);
    checks.push({
      name: 'no job ran twice at once',
      ok: overlaps.n === 0,
      detail: `${overlaps.n} overlapping pairs of runs of one scheduled job among ${runs.total} runs`,
    });

    const loopsContacts = sandbox.dataset.loops.contacts;
    const emails = loopsContacts.map((c) => c.email.toLowerCase());
    const duplicateContacts = emails.length - new Set(emails).size;
    const counters = sandbox.counters.snapshot();
    const count = (key: string) => counters[key] ?? 0;
    const upserts = count('loops PUT /api/v1/contacts/update');
    const creates = count('loops POST /api/v1/contacts/create');
    const eventsSent = count('loops POST /api/v1/events/send');
    const keys = sandbox.dataset.loops.idempotencyKeys.size;
    const loopsEvents = sandbox.dataset.loops.events.length;
    const duplicateEvents =
      loopsEvents -
      new Set(
        sandbox.dataset.loops.events.map(
          (e) => `${e.contactId} ${e.eventName} ${JSON.stringify(e.properties)}`,
        ),
      ).size;
    const chatwootPosts = count(
      'chatwoot POST /api/v1/accounts/:account_id/conversations/:conversation_id/messages',
    );
    checks.push({
      name: 'no message or action sent twice',
      ok: duplicateContacts === 0 && duplicateEvents === 0,
      detail: `Loops: ${upserts} contact upserts received → ${loopsContacts.length} contacts, ${duplicateContacts} duplicated; ${creates} creates; ${eventsSent} events sent, ${loopsEvents} recorded (${duplicateEvents} duplicated) under ${keys} idempotency keys; Chatwoot messages posted: ${chatwootPosts}`,
    });

    const resyncDetail = sse.map((c) => {
      const got = redisReturns.filter((at, i) => {
        const next = redisReturns[i + 1] ?? Number.POSITIVE_INFINITY;
        return c.resyncAt.some((r) => r >= at - 2000 && r < next);
      }).length;
      return {
        name: c.name,
        got,
        total: c.resyncAt.length,
        jobEvents: c.jobEvents,
        reconnects: c.reconnects,
      };
    });
    checks.push({
      name: 'every SSE client resynced after Redis returned',
      ok: resyncDetail.every((c) => c.got === redisReturns.length) && redisReturns.length > 0,
      detail: resyncDetail
        .map(
          (c) =>
            `${c.name}: ${c.got}/${redisReturns.length} resyncs, ${c.jobEvents} job events, ${c.reconnects} reconnects`,
        )
        .join('; '),
    });

    const syncDeps = syncDepsOf({ deps: runtime.deps });
    let differences = 0;
    let failedConnectors = 0;
    const perResource = new Map<string, number>();
    for (const p of bound) {
      const report = await runReconciliation(db, { accountScopeId, projectId: p.projectId }, syncDeps);
      differences += report.differences;
      for (const c of report.connectors) {
        if (c.status === 'failed') failedConnectors += 1;
        for (const r of c.resources)
          if (r.differences > 0)
            perResource.set(
              `${c.connector}.${r.resource}`,
              (perResource.get(`${c.connector}.${r.resource}`) ?? 0) + r.differences,
            );
      }
    }
    checks.push({
      name: 'reconciliation: 0 differences',
      ok: differences === 0 && failedConnectors === 0,
      detail: `${bound.length} projects × 3 connectors: ${differences} differences${perResource.size ? ` (${[...perResource].map(([k, v]) => `${k} ${v}`).join(', ')})` : ''}, ${failedConnectors} connector reconciliations failed`,
    });

    checks.push({
      name: 'API servers stayed up',
      ok: serverDeaths.length === 0,
      detail: serverDeaths.length ? serverDeaths.join('; ') : `${servers.length} servers up throughout`,
    });

    const totalRequests = Object.values(counters).reduce((a, b) => a + b, 0);
    process.stdout.write(
      [
        '',
        `fault run — ${new Date().toISOString()}, size ${args.size}, seed ${args.seed}, ${bound.length} projects`,
        `  chaos: ${chaosSeconds.toFixed(0)} s; ${kills} workers SIGKILLed (${killedMidJob} holding a job, ${killedBooting} while booting); Redis stopped ${redisOutages}×; PostgreSQL restarted ${pgRestarts}×`,
        `  vendor: ${totalRequests} requests, ${faults} faulted (${((100 * faults) / Math.max(1, totalRequests)).toFixed(1)} %: ${[...faultKinds].map(([k, v]) => `${k} ${v}`).join(', ')})`,
        `  job_runs: ${runs.total} (succeeded ${runs.succeeded}, skipped ${runs.skipped}, failed ${runs.failed}, abandoned by killed workers ${abandoned.n}, running ${runs.running})`,
        '',
        ...checks.map((c) => `  ${c.ok ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`),
        '',
      ].join('\n'),
    );
    const failed = checks.filter((c) => !c.ok);
    if (failed.length > 0) {
      for (const s of servers) if (s.child.proc.exitCode !== null) process.stdout.write(readTail(s.child));
      process.stdout.write(`fault run FAILED: ${failed.map((c) => c.name).join(', ')}\n`);
      return 1;
    }
    process.stdout.write(`fault run passed in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
    return 0;
  } finally {
    await cleanup();
  }
}

function readTail(child: Child): string {
  const out = child.output();
  return `--- ${child.name} ---\n${out.slice(-3000)}\n`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`fault run aborted: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
