/**
 * `pnpm bench ingest [--rows 50000] [--rounds 3] [--size bench-100] [--skip-backfill] [--parallel 4] [--in-process-sandbox]`
 *
 * 1. The connector write path (batched INSERT … ON CONFLICT DO UPDATE, 500 rows per statement,
 *    one transaction per 1,000-row page) against COPY into the same table, same run, same rows
 *    shape, taking turns for `--rounds` rounds (medians), with one writer and with `--parallel`
 *    writers. Target (quality.md): upsert ≥ 0.5 × COPY and ≥ 30,000 rows/s.
 * 2. A full backfill of a sandbox portfolio (bench-100 by default) through the real connectors
 *    over HTTP, then a second sync that must make ≤ 1 request per resource type per project.
 *    Target: backfill < 60 s.
 * Embedded PGlite by default; set KEEL_BENCH_DATABASE_URL for PostgreSQL: the run creates its own
 * database on that server and drops it at the end, so every run starts from empty tables.
 * The sync is the product's: the same deps the scheduler passes, RAG chunking included.
 * `--parallel N` (default 4): projects synced at the same time (the lease is per project and
 * connector, so this is what a scheduler may do). The emulators run in a child process unless
 * `--in-process-sandbox`; the CPU line splits the run's CPU between the sync and the emulators.
 */
import { manualClock } from '@keel/core/clock';
import { createSecretBox, deriveDevKey } from '@keel/core/crypto';
import { parseEnv } from '@keel/core/env';
import { createMemoryEventBus } from '@keel/core/events';
import { silentLogger } from '@keel/core/logger';
import { mapMessage } from '@keel/connectors/chatwoot/map';
import { runAllConnectorsSync } from '@keel/connectors/connector-sync';
import { saveSandboxCredentials } from '@keel/connectors/sandbox-credentials';
import { bindPortfolio } from '@keel/connectors/portfolio-bindings';
import type { RecordedRequest, SyncDeps } from '@keel/connectors/types';
import type { DatabaseHandle } from '@keel/db/client';
import { createProject, createWorkspace } from '@keel/db/factories';
import { upsertCwMessages } from '@keel/db/queries/connectors-chatwoot';
import { type SandboxUrls, startSandbox } from '@keel/sandbox/emulators/start';
import type { SandboxTokens } from '@keel/sandbox/emulators/context';
import { generatePortfolio } from '@keel/sandbox/generate/portfolio';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sandboxPortfolio } from '@keel/sandbox/keel-portfolio';
import { refreshConversationChunks } from '@keel/rag/chunk-store';
import { sql } from 'drizzle-orm';
import { copyRows, toCsv } from './lib/ingest-copy.ts';
import { openBenchDatabase } from './lib/bench-database.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const ROWS = Number(arg('rows', '50000'));
/** Write-path rounds; the medians are reported. */
const ROUNDS = Math.max(1, Number(arg('rounds', '3')));
const SIZE = arg('size', 'bench-100') as 'bench-100' | 'demo' | 'tiny';
/** Projects synced at the same time (each project+connector still holds its own lease). */
const PARALLEL = Math.max(1, Number(arg('parallel', '4')));
/** Serve the emulators from this process (the old setup: vendor CPU competes with the sync). */
const IN_PROCESS = process.argv.includes('--in-process-sandbox');
const SEED = 42;
const log = (line: string) => process.stdout.write(`${line}\n`);

function messages(accountScopeId: string, projectId: string, offset: number, n: number) {
  const rows = [];
  for (let i = 0; i < n; i++) {
    const id = offset + i;
    const payload = {
      id,
      conversation_id: 1 + Math.floor(id / 20),
      inbox_id: 1,
      message_type: id % 2,
      content_type: 'text',
      status: 'sent',
      content: `Message ${id}: the staging build is ready for review, please check the checkout flow.`,
      created_at: 1_720_000_000 + id,
      private: false,
      sender: { id: 17, name: 'Alice', type: 'contact' },
    };
    const row = mapMessage(payload, { accountScopeId, projectId }, { cwContactId: 17 });
    if (row) rows.push(row);
  }
  return rows;
}

function copyCsv(rows: ReturnType<typeof messages>): string {
  return toCsv(
    rows.map((r) => ({
      account_scope_id: r.accountScopeId,
      project_id: r.projectId,
      cw_message_id: r.cwMessageId,
      cw_conversation_id: r.cwConversationId,
      cw_inbox_id: r.cwInboxId,
      cw_contact_id: r.cwContactId,
      message_type: r.messageType,
      private: r.private,
      sender_type: r.senderType,
      sender_id: r.senderId,
      sender_name: r.senderName,
      content_type: r.contentType,
      status: r.status,
      content: r.content,
      has_attachments: r.hasAttachments,
      created_at_source: r.createdAtSource,
      raw: r.raw,
    })),
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Splits `rows` into `writers` contiguous slices, one per concurrent writer. */
function slices<T>(rows: T[], writers: number): T[][] {
  const size = Math.ceil(rows.length / writers);
  return Array.from({ length: writers }, (_, w) => rows.slice(w * size, (w + 1) * size));
}

/**
 * Upsert and COPY take turns for `--rounds` rounds (fresh rows each time), and the medians are
 * compared: a single COPY timing on a shared machine swings by 1.5× from run to run. Both run
 * once with one writer (the pure per-row cost) and once with `--parallel` writers, which is how a
 * backfill writes (one writer per project synced at the same time).
 */
async function writePath(handle: DatabaseHandle) {
  const ws = await createWorkspace(handle.db);
  const project = await createProject(handle.db, { accountScopeId: ws.id });
  // Warm-up outside the timings.
  await upsertCwMessages(handle.db, messages(ws.id, project.id, 90_000_000, 1000));
  const upsertAll = async (rows: ReturnType<typeof messages>, writers: number) => {
    const t = performance.now();
    await Promise.all(
      slices(rows, writers).map(async (mine) => {
        for (let i = 0; i < mine.length; i += 1000) {
          const page = mine.slice(i, i + 1000);
          await handle.db.transaction((tx) => upsertCwMessages(tx, page));
        }
      }),
    );
    return performance.now() - t;
  };
  const copyAll = async (rows: ReturnType<typeof messages>, writers: number) => {
    const csvs = slices(rows, writers).map(copyCsv);
    const t = performance.now();
    await Promise.all(csvs.map((csv) => copyRows(handle, csv)));
    return performance.now() - t;
  };
  const rate = (ms: number) => Math.round(ROWS / (ms / 1000));
  const rates = (xs: number[]) => xs.map((ms) => rate(ms).toLocaleString('en')).join(', ');
  log(`write path (${handle.kind}, ${ROWS} cw_messages rows, ${ROUNDS} rounds, medians)`);
  let offset = 1_000_000;
  let lastUpserted: ReturnType<typeof messages> = [];
  for (const writers of [...new Set([1, PARALLEL])]) {
    const upsertMs: number[] = [];
    const copyMs: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      lastUpserted = messages(ws.id, project.id, offset, ROWS);
      upsertMs.push(await upsertAll(lastUpserted, writers));
      copyMs.push(await copyAll(messages(ws.id, project.id, offset + 5_000_000, ROWS), writers));
      offset += 10_000_000;
    }
    const label = writers === 1 ? '1 writer' : `${writers} writers`;
    log(`  ${label}:`);
    log(`    upsert (connector path): ${rate(median(upsertMs))} rows/s (rounds: ${rates(upsertMs)})`);
    log(`    COPY (baseline):         ${rate(median(copyMs))} rows/s (rounds: ${rates(copyMs)})`);
    log(
      `    upsert / COPY:           ${(median(copyMs) / median(upsertMs)).toFixed(2)} (target ≥ 0.5; per round: ${upsertMs.map((u, i) => ((copyMs[i] ?? 0) / u).toFixed(2)).join(', ')})`,
    );
  }
  // Re-sync of unchanged rows: the common case every 15 minutes.
  log(`  unchanged re-upsert (1 writer): ${rate(await upsertAll(lastUpserted, 1))} rows/s`);
}

async function backfill(handle: DatabaseHandle) {
  let t = performance.now();
  const sandbox = await openSandbox();
  const genMs = performance.now() - t;
  const clock = manualClock(new Date(sandbox.dataset.now));
  const requests: RecordedRequest[] = [];
  const deps: SyncDeps = {
    logger: silentLogger,
    bus: createMemoryEventBus(),
    clock,
    secrets: createSecretBox(deriveDevKey('bench')),
    env: parseEnv({ CONNECTOR_EGRESS_ALLOW: '127.0.0.1' }), // the sandbox listens on loopback
    refreshChunks: refreshConversationChunks,
    onRequest: (r) => requests.push(r),
  };
  const ws = await createWorkspace(handle.db);
  const now = clock.now();
  await saveSandboxCredentials(handle.db, deps.secrets, ws.id, sandbox, now, ['chatwoot', 'linear', 'attio']);
  const projects = await bindPortfolio(handle.db, ws.id, sandboxPortfolio(sandbox.dataset), (p) =>
    createProject(handle.db, { accountScopeId: ws.id, name: p.name, clientName: p.clientName }),
  );
  t = performance.now();
  const cpuBefore = process.cpuUsage();
  const emuBefore = (await sandbox.cpuMs?.()) ?? 0;
  let failed = 0;
  let nextProject = 0;
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL, projects.length) }, async () => {
      for (let p = projects[nextProject++]; p; p = projects[nextProject++]) {
        const results = await runAllConnectorsSync(
          handle.db,
          { accountScopeId: ws.id, projectId: p.projectId },
          deps,
        );
        failed += results.filter((r) => r.status !== 'ok').length;
      }
    }),
  );
  const fullMs = performance.now() - t;
  const cpu = process.cpuUsage(cpuBefore);
  const syncCpuMs = (cpu.user + cpu.system) / 1000;
  const emuCpuMs = sandbox.cpuMs ? (await sandbox.cpuMs()) - emuBefore : null;
  const fullRequests = requests.length;
  const counts = await handle.db.execute(
    sql`select (select count(*) from cw_messages where account_scope_id = ${ws.id})::int as messages,
               (select count(*) from linear_issues_raw where account_scope_id = ${ws.id})::int as issues,
               (select count(*) from attio_opportunities_raw where account_scope_id = ${ws.id})::int as deals,
               (select count(*) from rag_chunks where account_scope_id = ${ws.id})::int as chunks`,
  );
  requests.length = 0;
  t = performance.now();
  let worst = 0;
  for (const p of projects) {
    const before = requests.length;
    await runAllConnectorsSync(handle.db, { accountScopeId: ws.id, projectId: p.projectId }, deps);
    const kinds = new Map<string, number>();
    for (const r of requests.slice(before)) {
      const key =
        r.connector === 'linear'
          ? String(/query\s+(\w+)/.exec(String((r.body as { query?: string }).query))?.[1])
          : `${r.method} ${new URL(r.url).pathname.replace(/\d+|[0-9a-f-]{36}/g, ':id')}`;
      kinds.set(key, (kinds.get(key) ?? 0) + 1);
    }
    worst = Math.max(worst, ...kinds.values());
  }
  const secondMs = performance.now() - t;
  const row = (Array.isArray(counts) ? counts[0] : (counts as { rows: unknown[] }).rows[0]) as Record<
    string,
    number
  >;
  log(
    `backfill (${SIZE}: ${projects.length} projects, ${handle.kind}, emulators ${IN_PROCESS ? 'in this process' : 'in a child process'}, ${PARALLEL} project(s) at a time)`,
  );
  log(`  portfolio generated in ${Math.round(genMs)} ms`);
  log(
    `  full sync: ${(fullMs / 1000).toFixed(1)} s (target < 60 s), ${fullRequests} requests, ${failed} non-ok runs`,
  );
  log(
    `  CPU during the full sync: sync process ${(syncCpuMs / 1000).toFixed(1)} s${emuCpuMs === null ? '' : `, emulators ${(emuCpuMs / 1000).toFixed(1)} s`}`,
  );
  log(
    `  mirrored: ${row.messages ?? 0} messages, ${row.issues} issues, ${row.deals} deals; ${row.chunks} RAG chunks`,
  );
  log(`  messages/s: ${Math.round((row.messages ?? 0) / (fullMs / 1000))}`);
  log(
    `  second sync: ${(secondMs / 1000).toFixed(1)} s, ${requests.length} requests, max ${worst} per resource type per project (target ≤ 1)`,
  );
  await sandbox.close();
}

type BenchSandbox = {
  urls: SandboxUrls;
  tokens: SandboxTokens;
  dataset: ReturnType<typeof generatePortfolio>;
  /** CPU time the emulators used so far (child process only). */
  cpuMs?: () => Promise<number>;
  close(): Promise<void>;
};

const EMULATORS = ['chatwoot', 'linear', 'attio'] as const;

/**
 * The vendors' emulators. By default they run in a child process, like the real services run on
 * their own machines: otherwise the emulators' CPU (≈ a third of the run) is charged to the sync.
 * The portfolio is deterministic (size, seed, fixed base date), so this process generates the
 * same dataset for the bindings.
 */
async function openSandbox(): Promise<BenchSandbox> {
  if (IN_PROCESS) return startSandbox({ size: SIZE, seed: SEED, only: EMULATORS });
  const dataset = generatePortfolio({ seed: SEED, size: SIZE });
  const child = fork(fileURLToPath(import.meta.url), ['--sandbox-child', '--size', SIZE], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<{ urls: SandboxUrls; tokens: SandboxTokens }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { urls: SandboxUrls; tokens: SandboxTokens }));
    child.once('exit', (code) => reject(new Error(`sandbox child exited with ${code}`)));
  });
  return {
    ...ready,
    dataset,
    cpuMs: () =>
      new Promise<number>((resolve) => {
        child.once('message', (m) => resolve((m as { cpuMs: number }).cpuMs));
        child.send('usage');
      }),
    close: async () => {
      child.kill();
    },
  };
}

if (process.argv.includes('--sandbox-child')) {
  const sandbox = await startSandbox({ size: SIZE, seed: SEED, only: EMULATORS });
  process.send?.({ urls: sandbox.urls, tokens: sandbox.tokens });
  process.on('message', (m) => {
    if (m === 'usage')
      process.send?.({ cpuMs: process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000 });
  });
  process.on('disconnect', () => process.exit(0));
} else {
  await main();
}

async function main() {
  const handle = await openBenchDatabase('ingest');
  try {
    await writePath(handle);
    if (!process.argv.includes('--skip-backfill')) await backfill(handle);
  } finally {
    await handle.close();
  }
}
