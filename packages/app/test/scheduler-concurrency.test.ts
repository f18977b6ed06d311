import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDatabase, type Database } from '@keel/db/client';
import { createProject, createWorkspace } from '@keel/db/factories';
import { scheduledJobs } from '@keel/db/schema/jobs';
import { createTestDatabase, type TestDatabase } from '@keel/db/test-db';
import { ensureDefaultScheduledJobs } from '../src/scheduler/ensure-jobs.ts';
import { runSchedulerTick } from '../src/scheduler/tick.ts';
import { defineJob, type JobRegistry } from '../src/scheduler/types.ts';
import { schedulerDeps } from './scheduler-support.ts';

/**
 * Several workers tick at once over the same due jobs. On PostgreSQL each worker has its own
 * connection pool, so claims really race; PGlite serialises statements but the test still runs.
 */
const WORKERS = 4;
const PROJECTS = 12;

type Span = { key: string; worker: string; start: number; end: number };

let tdb: TestDatabase;
const extra: { close(): Promise<void> }[] = [];
let pools: Database[] = [];
const spans: Span[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function recordingRegistry(): JobRegistry {
  const job = (type: string) =>
    defineJob({
      type,
      description: type,
      service: 'test',
      cadenceSeconds: 900,
      timeoutSeconds: 30,
      payload: z.object({}),
      handler: async () => ({
        run: async (ctx) => {
          const span = {
            key: `${ctx.scope.projectId}:${type}`,
            worker: ctx.runId,
            start: performance.now(),
            end: 0,
          };
          await sleep(Math.floor(Math.random() * 15));
          span.end = performance.now();
          spans.push(span);
          return { status: 'succeeded' };
        },
      }),
    });
  return [job('alpha'), job('beta'), job('gamma')];
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  pools = [tdb.db];
  if (tdb.url) {
    for (let i = 1; i < WORKERS; i += 1) {
      const handle = await createDatabase({ url: tdb.url, max: 2 });
      extra.push(handle);
      pools.push(handle.db);
    }
  }
});
afterAll(async () => {
  for (const h of extra) await h.close();
  await tdb?.close();
});

function countsByKey(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of spans) counts.set(s.key, (counts.get(s.key) ?? 0) + 1);
  return counts;
}

function overlaps(): string[] {
  const byKey = new Map<string, Span[]>();
  for (const s of spans) byKey.set(s.key, [...(byKey.get(s.key) ?? []), s]);
  const bad: string[] = [];
  for (const [key, list] of byKey) {
    const sorted = [...list].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i += 1) {
      const prev = sorted[i - 1];
      const cur = sorted[i];
      if (prev && cur && cur.start < prev.end) bad.push(key);
    }
  }
  return bad;
}

describe('concurrent workers', () => {
  it('when several workers tick at once over the same due jobs, then every job runs exactly once per due time and never twice at once', async () => {
    const registry = recordingRegistry();
    const base = await schedulerDeps(tdb);
    const workspace = await createWorkspace(tdb.db);
    for (let i = 0; i < PROJECTS; i += 1) await createProject(tdb.db, { accountScopeId: workspace.id });
    await ensureDefaultScheduledJobs(tdb.db, { now: base.clock.now(), registry });
    await tdb.db.update(scheduledJobs).set({ nextRunAt: base.clock.now() });
    const total = PROJECTS * registry.length;

    for (let round = 1; round <= 3; round += 1) {
      const results = await Promise.all(
        pools.map((db, i) =>
          runSchedulerTick(
            { ...base, db },
            { workerId: `w${i}`, mode: 'loop', registry, limit: total, leaseMs: 30_000 },
          ),
        ),
      );
      // Stragglers: a worker that found nothing left must not have missed anything either.
      const claimed = results.reduce((n, r) => n + r.claimed, 0);
      expect(claimed).toBe(total);
      const counts = countsByKey();
      expect(counts.size).toBe(total);
      for (const n of counts.values()) expect(n).toBe(round);
      expect(overlaps()).toEqual([]);
      // Nothing is due until the next slot.
      const idle = await runSchedulerTick(base, { workerId: 'late', mode: 'once', registry, limit: total });
      expect(idle.claimed).toBe(0);
      base.clock.advance(900_000);
    }
    const rows = await tdb.db.select({ status: scheduledJobs.status }).from(scheduledJobs);
    expect(rows.every((r) => r.status === 'idle')).toBe(true);
  });
});
