import type { KeelEventOf } from '@keel/core/event-types';
import { sql } from 'drizzle-orm';
import { queryRows } from '@keel/db/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAllConnectorsSync } from '../src/connector-sync.ts';
import { runReconciliation } from '../src/reconciliation.ts';
import type { ConnectorRunResult } from '../src/types.ts';
import { createHarness, type Harness } from './helpers.ts';
import { countKinds } from './request-kinds.ts';

async function eventually(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The demo portfolio over real HTTP: full sync, no-op re-sync, incremental after time passes. */
let h: Harness;

beforeAll(async () => {
  h = await createHarness({ size: 'demo', seed: 11 });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

function written(results: ConnectorRunResult[]): number {
  return results.reduce((n, r) => n + Object.values(r.resources).reduce((m, s) => m + s.written, 0), 0);
}

function fetched(results: ConnectorRunResult[], resource: string): number {
  return results.reduce((n, r) => n + (r.resources[resource]?.fetched ?? 0), 0);
}

async function syncAll(): Promise<ConnectorRunResult[]> {
  const all: ConnectorRunResult[] = [];
  for (const p of h.projects) {
    all.push(
      ...(await runAllConnectorsSync(
        h.db.db,
        { accountScopeId: h.accountScopeId, projectId: p.projectId },
        h.deps,
      )),
    );
  }
  return all;
}

async function reconcileAll(): Promise<number> {
  let differences = 0;
  for (const p of h.projects) {
    const report = await runReconciliation(
      h.db.db,
      { accountScopeId: h.accountScopeId, projectId: p.projectId },
      h.deps,
      {
        messages: 'all',
      },
    );
    for (const c of report.connectors) expect(c.status, `${c.connector}: ${c.error}`).toBe('ok');
    if (report.differences > 0) console.error(JSON.stringify(report.connectors, null, 1));
    differences += report.differences;
  }
  return differences;
}

describe('sync against the sandbox demo portfolio', () => {
  it('when every project syncs, then the mirror equals the emulators (0 differences)', async () => {
    const progress: KeelEventOf<'sync.progress'>[] = [];
    const unsubscribe = await h.bus.subscribe((e) => {
      if (e.type === 'sync.progress' && e.data.resource === 'messages') progress.push(e);
    });
    const results = await syncAll();
    expect(results.filter((r) => r.status !== 'ok')).toEqual([]);
    // The messages phase reports done/total (conversations), so the browser shows a real bar.
    const projectId = h.projects[0]?.projectId;
    const conversations = h.sandbox.dataset.conversations.filter((c) => c.projectIndex === 0).length;
    await eventually(() => progress.some((e) => e.projectId === projectId && e.data.done === conversations));
    const first = progress.filter((e) => e.projectId === projectId);
    expect(first.every((e) => e.data.total === conversations)).toBe(true);
    const done = first.map((e) => Number(e.data.done));
    expect(done).toEqual([...done].sort((a, b) => a - b));
    await unsubscribe();
    expect(fetched(results, 'messages')).toBeGreaterThan(1000);
    expect(await reconcileAll()).toBe(0);
    const rows = await queryRows<{ n: number }>(h.db.db, sql`select count(*)::int as n from cw_messages`);
    expect(rows[0]?.n).toBe(h.sandbox.dataset.messages.length);
    const log = await queryRows<{ n: number }>(
      h.db.db,
      sql`select count(*)::int as n from kag_event_log where process like 'connector_sync.%' and status = 'finished'`,
    );
    expect(log[0]?.n).toBe(h.projects.length * 3);
  }, 300_000);

  it('when it runs again with nothing changed, then nothing is written and each resource type costs at most one request', async () => {
    for (const p of h.projects) {
      h.requests.length = 0;
      const results = await runAllConnectorsSync(
        h.db.db,
        { accountScopeId: h.accountScopeId, projectId: p.projectId },
        h.deps,
      );
      expect(written(results)).toBe(0);
      const kinds = countKinds(h.requests);
      for (const [kind, n] of Object.entries(kinds)) expect(n, `${p.name}: ${kind}`).toBeLessThanOrEqual(1);
      expect(kinds['chatwoot messages'] ?? 0).toBe(0);
    }
  }, 120_000);

  it('when three days pass, then an incremental sync fetches only what changed and the mirror matches again', async () => {
    const summary = h.sandbox.advance(3);
    h.clock.set(new Date(h.sandbox.dataset.now));
    h.requests.length = 0;
    const results = await syncAll();
    expect(results.filter((r) => r.status !== 'ok')).toEqual([]);
    // Every new message is fetched exactly once; nothing old is fetched again.
    expect(fetched(results, 'messages')).toBe(summary.newMessages);
    expect(fetched(results, 'issues')).toBeLessThanOrEqual(summary.newIssues + summary.updatedIssues);
    expect(fetched(results, 'issues')).toBeGreaterThan(0);
    expect(await reconcileAll()).toBe(0);
  }, 300_000);
});
