import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '@keel/db/client';
import { connectorSyncState } from '@keel/db/schema/connectors';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { markConnectorSyncRunning, renewConnectorSyncLease } from '../src/connector-state.ts';
import { runConnectorSync } from '../src/connector-sync.ts';
import { createHarness, type Harness, scopeOf } from './helpers.ts';

/**
 * The connector-sync lease (issue 13 item 7): it has an owner and an expiry on the database's
 * clock, renewed while the sync runs; a lease whose holder died is taken over and the sync
 * runs; a live lease is respected whatever a process's clock says.
 */
let h: Harness;

beforeAll(async () => {
  h = await createHarness();
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function state(connector: 'chatwoot' | 'linear' | 'attio' = 'chatwoot') {
  const scope = scopeOf(h);
  const [row] = await h.db.db
    .select()
    .from(connectorSyncState)
    .where(
      and(eq(connectorSyncState.projectId, scope.projectId), eq(connectorSyncState.connector, connector)),
    );
  return row;
}

async function conversations(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    h.db.db,
    sql`select count(*)::int as n from cw_conversations where project_id = ${scopeOf(h).projectId}::uuid`,
  );
  return row?.n ?? 0;
}

beforeEach(async () => {
  // Every test starts from an idle lease and an empty mirror for the project.
  await h.db.db.update(connectorSyncState).set({ status: 'idle', leaseOwner: null, leaseExpiresAt: null });
  await h.db.db.execute(sql`delete from cw_messages`);
  await h.db.db.execute(sql`delete from cw_conversations`);
});

describe('the connector-sync lease', () => {
  it('when a worker died mid-sync holding the lease, then after the lease expires the next sync takes it over and syncs (never busy)', async () => {
    const scope = scopeOf(h);
    // Owner A takes the lease with a short lifetime and dies: it never renews it.
    expect(
      await markConnectorSyncRunning(h.db.db, scope, 'chatwoot', h.clock.now(), {
        owner: 'worker-A',
        leaseMs: 300,
      }),
    ).toBe(true);
    expect(await state()).toMatchObject({ status: 'running', leaseOwner: 'worker-A' });
    // While A's lease lives, B is refused.
    const early = await runConnectorSync(h.db.db, scope, 'chatwoot', { ...h.deps, leaseOwner: 'worker-B' });
    expect(early.status).toBe('busy');
    await sleep(450);
    const result = await runConnectorSync(h.db.db, scope, 'chatwoot', { ...h.deps, leaseOwner: 'worker-B' });
    expect(result.status, result.reason).toBe('ok');
    expect(await conversations()).toBeGreaterThan(0);
    expect(await state()).toMatchObject({ status: 'ok', leaseOwner: null, leaseExpiresAt: null });
  });

  it('when the process clock runs an hour ahead, then a live lease of another owner is still respected', async () => {
    const scope = scopeOf(h);
    expect(
      await markConnectorSyncRunning(h.db.db, scope, 'chatwoot', h.clock.now(), {
        owner: 'worker-A',
        leaseMs: 60_000,
      }),
    ).toBe(true);
    const realNow = h.clock.now();
    h.clock.advance(3_600_000);
    try {
      const skewed = await runConnectorSync(h.db.db, scope, 'chatwoot', {
        ...h.deps,
        leaseOwner: 'worker-B',
      });
      expect(skewed.status).toBe('busy');
    } finally {
      h.clock.set(realNow);
    }
    expect(await state()).toMatchObject({ status: 'running', leaseOwner: 'worker-A' });
    expect(await conversations()).toBe(0);
  });

  it('when the holder renews its lease every third of it, then it outlives its first lifetime and nobody takes it', async () => {
    const scope = scopeOf(h);
    const lease = { owner: 'worker-A', leaseMs: 300 };
    expect(await markConnectorSyncRunning(h.db.db, scope, 'chatwoot', h.clock.now(), lease)).toBe(true);
    for (let i = 0; i < 6; i += 1) {
      await sleep(100);
      expect(await renewConnectorSyncLease(h.db.db, scope, 'chatwoot', lease)).toBe(true);
    }
    const other = await runConnectorSync(h.db.db, scope, 'chatwoot', { ...h.deps, leaseOwner: 'worker-B' });
    expect(other.status).toBe('busy');
    // A renewal by someone who does not hold the lease fails.
    expect(
      await renewConnectorSyncLease(h.db.db, scope, 'chatwoot', { owner: 'worker-B', leaseMs: 300 }),
    ).toBe(false);
  });

  it('when two syncs of the same project and connector start at once, then exactly one runs and the other is busy', async () => {
    const scope = scopeOf(h);
    // Whichever takes the lease holds its first page until the other has answered, so the two
    // overlap however the machine schedules them (a fast sync could otherwise finish before the
    // second even asks, and both would rightly run). Were the lease broken, both would wait out
    // the gate's timeout and both report ok.
    let release!: () => void;
    const otherAnswered = new Promise<void>((resolve) => {
      release = resolve;
    });
    const gate = { onProgress: () => Promise.race([otherAnswered, sleep(10_000)]).then(() => undefined) };
    const run = (owner: string) =>
      runConnectorSync(h.db.db, scope, 'chatwoot', { ...h.deps, ...gate, leaseOwner: owner }).then((r) => {
        if (r.status === 'busy') release();
        return r;
      });
    const results = await Promise.all([run('request-1'), run('request-2')]);
    expect(results.map((r) => r.status).sort()).toEqual(['busy', 'ok']);
    expect(await state()).toMatchObject({ status: 'ok', leaseOwner: null });
  });
});
