import { sql } from 'drizzle-orm';
import { queryRows } from '@keel/db/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConnectorsOverview, listConnectorErrorsView } from '../src/connector-status.ts';
import { retryDueConnectorErrors, runAllConnectorsSync, runConnectorSync } from '../src/connector-sync.ts';
import { runReconciliation } from '../src/reconciliation.ts';
import { createHarness, type Harness } from './helpers.ts';

/** Faulty sources and killed syncs: the mirror still converges, without gaps or duplicates. */
let h: Harness;

beforeAll(async () => {
  h = await createHarness({
    size: 'tiny',
    seed: 5,
    faults: { rate: 0.1, slowMs: 400, retryAfterSeconds: 0 },
  });
  // No in-run retries: every fault becomes a parked error, so the DLQ path is what is tested.
  h.deps.http = { timeoutMs: 250, retries: 0, backoffMs: 1, maxRetryAfterMs: 10, pageRetries: 0 };
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const scopes = () => h.projects.map((p) => ({ accountScopeId: h.accountScopeId, projectId: p.projectId }));

async function openErrors(): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    h.db.db,
    sql`select count(*)::int as n from connector_errors where status in ('pending', 'retrying')`,
  );
  return rows[0]?.n ?? 0;
}

describe('connector faults', () => {
  it('when 10% of responses fail in every way, then a sync plus the due retries converge to 0 differences', async () => {
    for (const scope of scopes()) await runAllConnectorsSync(h.db.db, scope, h.deps);
    const kinds = new Set(h.sandbox.faults.log.map((f) => f.kind));
    expect(kinds.size).toBeGreaterThanOrEqual(4);
    expect(await openErrors()).toBeGreaterThan(0);
    // Failures are visible where people look: the error list and the state overview.
    const first = scopes()[0];
    if (!first) throw new Error('no project');
    const overview = await getConnectorsOverview(h.db.db, first, h.deps);
    const views = await Promise.all(scopes().map((s) => listConnectorErrorsView(h.db.db, s, {})));
    expect(views.flat().some((e) => e.nextRetryAt !== null && e.attempts >= 1)).toBe(true);
    expect(overview.map((c) => c.connector)).toContain('chatwoot');

    for (let round = 0; round < 12 && (await openErrors()) > 0; round++) {
      h.clock.advance(24 * 60 * 60_000);
      for (const scope of scopes()) await retryDueConnectorErrors(h.db.db, scope, h.deps);
    }
    expect(await openErrors()).toBe(0);

    h.sandbox.faults.configure({ rate: 0 });
    for (const scope of scopes()) {
      const report = await runReconciliation(h.db.db, scope, h.deps, { messages: 'all' });
      expect(report.differences, JSON.stringify(report.connectors)).toBe(0);
    }
    const dupes = await queryRows<{ n: number }>(
      h.db.db,
      sql`select count(*)::int as n from (select cw_message_id from cw_messages group by account_scope_id, cw_message_id having count(*) > 1) d`,
    );
    expect(dupes[0]?.n).toBe(0);
  }, 300_000);

  it('when a sync is killed mid-page, then the next one resumes from its watermarks without gaps', async () => {
    h.sandbox.faults.configure({ rate: 0 });
    const scope = scopes()[1];
    if (!scope) throw new Error('no project');
    // Forget this project's messages so there is a backfill to interrupt.
    await h.db.db.execute(sql`delete from cw_messages where project_id = ${scope.projectId}`);
    await h.db.db.execute(
      sql`delete from sync_watermarks where project_id = ${scope.projectId} and resource like 'messages:%'`,
    );
    const controller = new AbortController();
    let messageCalls = 0;
    const abortingFetch: typeof fetch = async (input, init) => {
      if (String(input).includes('/messages') && ++messageCalls === 3) {
        // Abort while the page is in flight: its rows must not be half-written.
        queueMicrotask(() => controller.abort());
      }
      return fetch(input, init);
    };
    await expect(
      runConnectorSync(h.db.db, scope, 'chatwoot', {
        ...h.deps,
        fetchImpl: abortingFetch,
        signal: controller.signal,
      }),
    ).rejects.toThrow();
    const partial = await queryRows<{ n: number }>(
      h.db.db,
      sql`select count(*)::int as n from cw_messages where project_id = ${scope.projectId}`,
    );
    h.requests.length = 0;
    const resumed = await runConnectorSync(h.db.db, scope, 'chatwoot', h.deps);
    expect(resumed.status).toBe('ok');
    // Only what was missing was fetched again.
    expect(resumed.resources.messages?.written).toBe(resumed.resources.messages?.fetched);
    const report = await runReconciliation(h.db.db, scope, h.deps, {
      messages: 'all',
      connectors: ['chatwoot'],
    });
    expect(report.differences, JSON.stringify(report.connectors)).toBe(0);
    const total = await queryRows<{ n: number }>(
      h.db.db,
      sql`select count(*)::int as n from cw_messages where project_id = ${scope.projectId}`,
    );
    expect(total[0]?.n).toBe((partial[0]?.n ?? 0) + (resumed.resources.messages?.written ?? 0));
  }, 120_000);

  it('when two syncs of one project start together, then only one runs', async () => {
    const scope = scopes()[0];
    if (!scope) throw new Error('no project');
    const [a, b] = await Promise.all([
      runConnectorSync(h.db.db, scope, 'linear', h.deps),
      runConnectorSync(h.db.db, scope, 'linear', h.deps),
    ]);
    expect([a.status, b.status].sort()).toEqual(['busy', 'ok']);
  }, 60_000);
});
