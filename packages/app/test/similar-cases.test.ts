import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCapabilities } from '@keel/db/capabilities';
import { createTestDatabase, type TestDatabase, testDatabaseTarget } from '@keel/db/test-db';
import { findSimilarCases } from '@keel/intelligence/kag/similarity/find';
import { rebuildCaseSignatures } from '@keel/intelligence/kag/similarity/rebuild';
import { SIGNATURE_VERSION } from '@keel/intelligence/kag/similarity/signature';
import { listSnapshotHistory } from '@keel/db/queries/snapshot-history';
import { seedWorkspace } from './forecast-fixtures.ts';

/**
 * Similar cases over a real database: signatures are written once per snapshot and version; the
 * pgvector search (PGlite ships pgvector) and the exact scan return the same neighbours, ties
 * included (four calm projects share one signature); on PostgreSQL without pgvector the exact
 * scan runs. Nothing from the query day's future is a candidate.
 */
let tdb: TestDatabase;
let ws: Awaited<ReturnType<typeof seedWorkspace>>;
const today = new Date('2025-09-01T12:00:00Z');

beforeAll(async () => {
  tdb = await createTestDatabase();
  ws = await seedWorkspace(tdb.db, today, [
    'calm',
    'calm',
    'calm',
    'calm',
    'wave',
    'wave',
    'rising',
    'red',
    'rising',
  ]);
  for (const p of ws.projects) await rebuildCaseSignatures(tdb.db, p);
}, 120_000);
afterAll(async () => tdb?.close());

describe('rebuildCaseSignatures', () => {
  it('when run again, then every snapshot keeps exactly one signature of the current version', async () => {
    const p = ws.projects[4] as (typeof ws.projects)[number];
    const again = await rebuildCaseSignatures(tdb.db, p);
    expect(again.snapshots).toBe(50);
    // Incremental: only the newest days are rewritten.
    expect(again.written).toBe(2);
    const full = await rebuildCaseSignatures(tdb.db, p, { rebuild: true });
    expect(full).toMatchObject({ signatureVersion: SIGNATURE_VERSION, snapshots: 50, written: 50 });
  });
});

describe('findSimilarCases', () => {
  it('when pgvector is there, then it is used and returns the same neighbours as the exact scan', async () => {
    const caps = await readCapabilities(tdb);
    expect(caps.vector).toBe(testDatabaseTarget() === 'pglite');
    let compared = 0;
    for (const p of ws.projects) {
      for (const k of [1, 3, 10]) {
        const exact = await findSimilarCases(tdb.db, p, { k, mode: 'exact' });
        const auto = await findSimilarCases(tdb.db, p, { k });
        expect(exact.mode).toBe('exact');
        expect(auto.mode).toBe(caps.vector ? 'vector' : 'exact');
        expect(exact.items.length).toBe(k);
        expect(auto.items).toEqual(exact.items);
        compared += 1;
      }
    }
    expect(compared).toBe(27);
  });

  it('when a past snapshot is the query, then vector and exact agree there too and only earlier closed windows are candidates', async () => {
    const p = ws.projects[6] as (typeof ws.projects)[number];
    const days = await listSnapshotHistory(tdb.db, p);
    const mid = days[30] as (typeof days)[number];
    const exact = await findSimilarCases(tdb.db, p, { k: 10, snapshotId: mid.id, mode: 'exact' });
    const auto = await findSimilarCases(tdb.db, p, { k: 10, snapshotId: mid.id });
    expect(auto.items).toEqual(exact.items);
    expect(exact.query?.snapshotDate).toBe(mid.date);
    for (const c of exact.items) {
      expect(c.projectId).not.toBe(p.projectId);
      // A candidate's 7-day window ended before the query day.
      expect(Date.parse(c.snapshotDate) + 7 * 86_400_000).toBeLessThan(Date.parse(mid.date));
      for (const o of Object.values(c.outcomes)) expect(o).toBeDefined();
    }
  });

  it('when calm projects tie, then the tie breaks on snapshot id in both searches', async () => {
    const p = ws.projects[0] as (typeof ws.projects)[number];
    const exact = await findSimilarCases(tdb.db, p, { k: 5, mode: 'exact' });
    expect(exact.items.every((c) => c.distance === 0)).toBe(true);
    const ids = exact.items.map((c) => c.snapshotId);
    expect([...ids].sort()).toEqual(ids);
  });

  it('when the project has no signature yet, then it says so instead of failing', async () => {
    const r = await findSimilarCases(
      tdb.db,
      { accountScopeId: ws.accountScopeId, projectId: ws.accountScopeId },
      { k: 3 },
    );
    expect(r.items).toEqual([]);
    expect(r.reason).toMatch(/no snapshot/);
  });
});
