import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { markConnectorSyncRunning } from '@keel/connectors/connector-state';
import { connectorSyncState } from '@keel/db/schema/connectors';
import { jobRuns, scheduledJobs } from '@keel/db/schema/jobs';
import { createHarness, type Harness, scopeOf } from '../../connectors/test/helpers.ts';
import type { AppDeps, AppRuntime } from '../src/deps.ts';
import { appDepsOverHarness } from './scheduler-support.ts';
import { runJobNow } from '../src/scheduler/run-now.ts';
import { DEFAULT_LEASE_MS } from '../src/scheduler/tick.ts';

/**
 * The scheduled connector sync and the sync lease (issue 13 item 7): a lease left by a dead
 * worker is taken over and the due sync runs; a lease a live owner holds makes the run say
 * "busy" and the job due again a lease later, not a cadence later.
 */
let h: Harness;
let deps: AppDeps;
let runtime: AppRuntime;

beforeAll(async () => {
  h = await createHarness();
  runtime = await appDepsOverHarness(h);
  deps = runtime.deps;
}, 120_000);
afterAll(async () => {
  await runtime?.close();
  await h?.close();
});
beforeEach(async () => {
  await h.db.db.update(connectorSyncState).set({ status: 'idle', leaseOwner: null, leaseExpiresAt: null });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function runSync() {
  const r = await runJobNow(deps, scopeOf(h), 'connectors_sync_cycle');
  if (r.status !== 'ran') throw new Error(`the sync did not run: ${r.status}`);
  return r.outcome;
}

async function syncState(connector: 'chatwoot' | 'linear' | 'attio') {
  const [row] = await h.db.db
    .select()
    .from(connectorSyncState)
    .where(
      and(
        eq(connectorSyncState.projectId, scopeOf(h).projectId),
        eq(connectorSyncState.connector, connector),
      ),
    );
  return row;
}

async function cadenceMs(): Promise<number> {
  const [row] = await h.db.db
    .select({ cadence: scheduledJobs.cadenceSeconds })
    .from(scheduledJobs)
    .where(
      and(
        eq(scheduledJobs.projectId, scopeOf(h).projectId),
        eq(scheduledJobs.jobType, 'connectors_sync_cycle'),
      ),
    );
  return (row?.cadence ?? 0) * 1000;
}

describe('the scheduled connector sync and its lease', () => {
  it('when the worker that held the sync lease died and the lease expired, then the next run takes it over and syncs, never busy', async () => {
    const before = h.clock.now();
    expect(
      await markConnectorSyncRunning(h.db.db, scopeOf(h), 'chatwoot', before, {
        owner: `job_run:${randomUUID()}`,
        leaseMs: 300,
      }),
    ).toBe(true);
    await sleep(450);
    const outcome = await runSync();
    expect(outcome.status, outcome.error).toBe('succeeded');
    expect(outcome.reason).toBeUndefined();
    expect(await syncState('chatwoot')).toMatchObject({ status: 'ok', leaseOwner: null });
    const [run] = await h.db.db
      .select()
      .from(jobRuns)
      .where(eq(jobRuns.id, outcome.runId ?? ''));
    expect(JSON.stringify(run?.meta)).not.toMatch(/busy/);
  });

  it('when the sync lease belongs to a job run already closed as abandoned, then it is taken over at once', async () => {
    const [dead] = await h.db.db
      .insert(jobRuns)
      .values({
        ...scopeOf(h),
        jobType: 'connectors_sync_cycle',
        status: 'failed',
        startedAt: h.clock.now(),
        error: 'abandoned: the worker running it stopped and its lease expired',
      })
      .returning({ id: jobRuns.id });
    expect(
      await markConnectorSyncRunning(h.db.db, scopeOf(h), 'linear', h.clock.now(), {
        owner: `job_run:${dead?.id}`,
        leaseMs: 60_000,
      }),
    ).toBe(true);
    const outcome = await runSync();
    expect(outcome.status, outcome.error).toBe('succeeded');
    expect(outcome.reason).toBeUndefined();
    expect(await syncState('linear')).toMatchObject({ status: 'ok', leaseOwner: null });
  });

  it('when a live owner holds one connector lease, then the run says that connector was busy and is due again a lease later', async () => {
    expect(
      await markConnectorSyncRunning(h.db.db, scopeOf(h), 'attio', h.clock.now(), {
        owner: 'request-web',
        leaseMs: 60_000,
      }),
    ).toBe(true);
    const outcome = await runSync();
    expect(outcome.status, outcome.error).toBe('succeeded');
    expect(outcome.reason).toMatch(/attio: busy/);
    const now = h.clock.now().getTime();
    const next = new Date(outcome.nextRunAt ?? 0).getTime();
    expect(next - now).toBeLessThanOrEqual(DEFAULT_LEASE_MS + 1_000);
    expect(next - now).toBeLessThan(await cadenceMs());
    // The other connectors synced; the live holder keeps its lease.
    expect(await syncState('chatwoot')).toMatchObject({ status: 'ok' });
    expect(await syncState('attio')).toMatchObject({ status: 'running', leaseOwner: 'request-web' });
  });
});
