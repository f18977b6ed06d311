/**
 * The forecast benchmark's replay: a generated sandbox portfolio, served by the emulators and
 * synced through the real connectors into a bench database (as bench/ingest.ts does), ingested
 * into kag_events, then judged day by day with `evaluateDay` — each day sees only the facts
 * that stood then (factsAsOf). The result per project is the list of its day evaluations and the
 * generator's hidden risk events (kept apart: Keel's code never reads them).
 *
 * Per-day evaluations are cached under .bench-cache/forecast/ keyed by seed, size, config version
 * and a hash of the source the replay's output depends on (generator, emulators, connectors, db
 * queries, the KAG pipeline — not the forecast model itself), so refitting and re-scoring do not
 * re-sync, and a change to ingestion or scoring never reads a stale cache. `--fresh` ignores it.
 */
import { manualClock } from '@keel/core/clock';
import { createSecretBox, deriveDevKey } from '@keel/core/crypto';
import { parseEnv } from '@keel/core/env';
import { createMemoryEventBus } from '@keel/core/events';
import { silentLogger } from '@keel/core/logger';
import { runAllConnectorsSync } from '@keel/connectors/connector-sync';
import { bindPortfolio } from '@keel/connectors/portfolio-bindings';
import { saveSandboxCredentials } from '@keel/connectors/sandbox-credentials';
import type { SyncDeps } from '@keel/connectors/types';
import { createProject, createWorkspace } from '@keel/db/factories';
import { KAG_CONFIG } from '@keel/intelligence/kag/config';
import { dayEnds, evaluateDay } from '@keel/intelligence/kag/history/day';
import type { HistoryDay } from '@keel/intelligence/kag/history/history-day';
import { ingestProject } from '@keel/intelligence/kag/ingest';
import { loadProjectFacts } from '@keel/intelligence/kag/refresh';
import { startSandbox } from '@keel/sandbox/emulators/start';
import { generatePortfolio } from '@keel/sandbox/generate/portfolio';
import { sandboxPortfolio } from '@keel/sandbox/keel-portfolio';
import type { RiskEventKind, Trajectory } from '@keel/sandbox/model';
import type { SizeName } from '@keel/sandbox/sizes';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBenchDatabase } from './bench-database.ts';

export const DAY_MS = 86_400_000;
/** Bump when the replay's output changes shape or meaning, so stale caches are not read. */
const REPLAY_VERSION = 'replay-v2';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE_DIR = join(ROOT, '.bench-cache', 'forecast');

/** Source trees whose change changes the replayed days; the forecast model and similarity are read after the cache. */
const REPLAY_SOURCES = [
  'packages/sandbox/src',
  'packages/connectors/src',
  'packages/db/src',
  'packages/intelligence/src/kag',
  'bench/lib/forecast-replay.ts',
];
const NOT_REPLAY = ['packages/intelligence/src/kag/forecast', 'packages/intelligence/src/kag/similarity'];

function sourceFiles(path: string): string[] {
  if (NOT_REPLAY.some((x) => path === join(ROOT, x))) return [];
  if (!existsSync(path)) return [];
  if (!path.endsWith('.ts') && !path.endsWith('.json') && !path.endsWith('.sql')) {
    try {
      return readdirSync(path)
        .sort()
        .flatMap((f) => sourceFiles(join(path, f)));
    } catch {
      return [];
    }
  }
  return [path];
}

/** A short hash of the replay's source, part of the cache key. */
export function replaySourceHash(): string {
  const h = createHash('sha256');
  for (const root of REPLAY_SOURCES)
    for (const f of sourceFiles(join(ROOT, root))) {
      h.update(f.slice(ROOT.length));
      h.update(readFileSync(f));
    }
  return h.digest('hex').slice(0, 10);
}

export type ReplayedProject = {
  projectId: string;
  index: number;
  name: string;
  /** Hidden: for labels and per-trajectory breakdowns only, never for features. */
  trajectory: Trajectory;
  events: Array<{ kind: RiskEventKind; at: string }>;
  /** Consecutive days, ascending, each judged as it stood at its end (UTC). */
  days: HistoryDay[];
};

export type ReplayedPortfolio = {
  seed: number;
  size: SizeName;
  baseDate: string;
  configVersion: string;
  projects: ReplayedProject[];
  timings: { generateMs: number; syncMs: number; ingestMs: number; evaluateMs: number; messages: number };
};

const toHistoryDay = (e: HistoryDay): HistoryDay => ({
  date: e.date,
  health: e.health,
  risk: e.risk,
  components: e.components,
  signals: e.signals,
  metrics: e.metrics,
});

/** Runs `fn` over `items` with `parallel` workers. */
async function pool<T>(items: T[], parallel: number, fn: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) await fn(items[i] as T, i);
    }),
  );
}

async function replayUncached(seed: number, size: SizeName, log: (s: string) => void) {
  let t = performance.now();
  const dataset = generatePortfolio({ seed, size });
  const generateMs = performance.now() - t;
  const sandbox = await startSandbox({ dataset, only: ['chatwoot', 'linear', 'attio'] });
  const handle = await openBenchDatabase('forecast');
  try {
    const now = new Date(dataset.now);
    const deps: SyncDeps = {
      logger: silentLogger,
      bus: createMemoryEventBus(),
      clock: manualClock(now),
      secrets: createSecretBox(deriveDevKey('bench')),
      env: parseEnv({ CONNECTOR_EGRESS_ALLOW: '127.0.0.1' }),
    };
    const ws = await createWorkspace(handle.db);
    await saveSandboxCredentials(handle.db, deps.secrets, ws.id, sandbox, now, [
      'chatwoot',
      'linear',
      'attio',
    ]);
    const bound = await bindPortfolio(handle.db, ws.id, sandboxPortfolio(dataset), (p) =>
      createProject(handle.db, { accountScopeId: ws.id, name: p.name, clientName: p.clientName }),
    );
    t = performance.now();
    let failed = 0;
    await pool(bound, 4, async (p) => {
      const results = await runAllConnectorsSync(
        handle.db,
        { accountScopeId: ws.id, projectId: p.projectId },
        deps,
      );
      failed += results.filter((r) => r.status !== 'ok').length;
    });
    const syncMs = performance.now() - t;
    if (failed > 0) throw new Error(`seed ${seed}: ${failed} connector runs did not end ok`);
    t = performance.now();
    for (const p of bound)
      await ingestProject(handle.db, { accountScopeId: ws.id, projectId: p.projectId }, now);
    const ingestMs = performance.now() - t;
    const from = new Date(dataset.now - dataset.size.historyDays * DAY_MS);
    const ends = dayEnds(from, new Date(dataset.now - 1));
    t = performance.now();
    const projects: ReplayedProject[] = [];
    for (const [index, p] of bound.entries()) {
      const scope = { accountScopeId: ws.id, projectId: p.projectId };
      const facts = await loadProjectFacts(handle.db, scope, now, {
        from: new Date(from.getTime() - 90 * DAY_MS),
      });
      const truth = dataset.groundTruth.projects[index];
      if (!truth || truth.projectName !== p.name)
        throw new Error(`seed ${seed}: project ${index} is not ${p.name}`);
      projects.push({
        projectId: p.projectId,
        index,
        name: p.name,
        trajectory: truth.trajectory,
        events: truth.riskEvents,
        days: ends.map((at) => toHistoryDay(evaluateDay(facts, at))),
      });
      if (index % 25 === 24) log(`    seed ${seed}: evaluated ${index + 1}/${bound.length} projects`);
    }
    const evaluateMs = performance.now() - t;
    return {
      seed,
      size,
      baseDate: new Date(dataset.now).toISOString(),
      configVersion: KAG_CONFIG.version,
      projects,
      timings: { generateMs, syncMs, ingestMs, evaluateMs, messages: dataset.messages.length },
    };
  } finally {
    await handle.close();
    await sandbox.close();
  }
}

/** The replayed portfolio for a seed, from the cache when it holds this seed, size and config. */
export async function replayPortfolio(
  seed: number,
  size: SizeName,
  options: { fresh?: boolean; log?: (s: string) => void } = {},
): Promise<ReplayedPortfolio & { cached: boolean }> {
  const log = options.log ?? (() => undefined);
  const file = join(
    CACHE_DIR,
    `${REPLAY_VERSION}-${KAG_CONFIG.version}-${replaySourceHash()}-${size}-${seed}.json`,
  );
  if (!options.fresh && existsSync(file))
    return { ...(JSON.parse(readFileSync(file, 'utf8')) as ReplayedPortfolio), cached: true };
  log(`  replaying seed ${seed} (${size}): generate, serve, sync, ingest, evaluate every day…`);
  const replayed = await replayUncached(seed, size, log);
  const t = replayed.timings;
  log(
    `    seed ${seed}: ${t.messages} messages; generate ${(t.generateMs / 1000).toFixed(1)} s, sync ${(t.syncMs / 1000).toFixed(1)} s, ingest ${(t.ingestMs / 1000).toFixed(1)} s, evaluate ${(t.evaluateMs / 1000).toFixed(1)} s`,
  );
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(file, JSON.stringify(replayed));
  return { ...replayed, cached: false };
}

export function parseSeeds(value: string): number[] {
  const seeds = value.split(',').map((s) => Number(s.trim()));
  if (seeds.length === 0 || seeds.some((s) => !Number.isInteger(s) || s < 0))
    throw new Error(`--seeds wants integers like 201,202,203, got "${value}"`);
  return seeds;
}

export function argValue(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
