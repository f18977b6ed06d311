import { makeEvent } from '@keel/core/events';
import type { Database } from '@keel/db/client';
import {
  insertEvidenceItems,
  listCitationKeys,
  listCitingRows,
  listEvidenceItemKeys,
  loadEvidenceSources,
  replaceCitations,
} from '@keel/db/queries/evidence';
import type { KagScope } from '@keel/db/queries/kag-ingest';
import type { KagRefreshContext } from '../kag/refresh.ts';
import type { NormalizedEvidenceRef } from './normalize.ts';
import { buildEvidenceItems, collectCitations, diffCitations, refKey } from './plan.ts';

/**
 * The seed's `indexEvidenceRefs` for one project, a step of the kag pipeline: loads every
 * citing row (signals, scores, recommendations v1 and v2, the risk radar, legacy signals and
 * next best actions) → indexes the refs not indexed yet (snippet from the cited row) → brings
 * the citations in line with what is cited now → publishes `evidence.indexed`.
 * Incremental (an indexed item is never re-read) and idempotent (a second run changes nothing).
 */
export type EvidenceIndexResult = {
  items: number;
  inserted: number;
  citations: number;
  added: number;
  removed: number;
};

export async function indexEvidenceRefs(
  db: Database,
  scope: KagScope,
  ctx: KagRefreshContext,
): Promise<EvidenceIndexResult> {
  const now = ctx.clock.now();
  const citations = collectCitations(await listCitingRows(db, scope));
  const refs = new Map<string, NormalizedEvidenceRef>();
  for (const c of citations)
    if (!refs.has(refKey(c.ref.table, c.ref.id))) refs.set(refKey(c.ref.table, c.ref.id), c.ref);

  const indexed = await listEvidenceItemKeys(db, scope);
  const known = new Set(indexed.map((i) => refKey(i.sourceTable, i.sourceRef)));
  const fresh = [...refs.values()].filter((r) => !known.has(refKey(r.table, r.id)));
  const idsByTable = new Map<string, string[]>();
  for (const r of fresh) idsByTable.set(r.table, [...(idsByTable.get(r.table) ?? []), r.id]);
  const sources = await loadEvidenceSources(db, scope, idsByTable);
  const drafts = buildEvidenceItems(fresh, sources);

  const result = await db.transaction(async (tx) => {
    let inserted = 0;
    // Batches keep each statement's parameter count far below PostgreSQL's limit.
    for (let i = 0; i < drafts.length; i += 500)
      inserted += await insertEvidenceItems(tx, scope, drafts.slice(i, i + 500), now);
    const items = await listEvidenceItemKeys(tx, scope);
    const itemId = new Map(items.map((i) => [refKey(i.sourceTable, i.sourceRef), i.id]));
    const desired = citations.flatMap((c) => {
      const evidenceItemId = itemId.get(refKey(c.ref.table, c.ref.id));
      return evidenceItemId ? [{ evidenceItemId, citingTable: c.citingTable, citingId: c.citingId }] : [];
    });
    const { remove, add } = diffCitations(desired, await listCitationKeys(tx, scope));
    await replaceCitations(tx, scope, remove, add, now);
    return {
      items: items.length,
      inserted,
      citations: new Set(desired.map((d) => JSON.stringify(d))).size,
      added: add.length,
      removed: remove.length,
    };
  });
  await ctx.bus.publish(
    makeEvent(
      'evidence.indexed',
      scope,
      { items: result.items, inserted: result.inserted, citations: result.citations },
      now,
    ),
  );
  return result;
}
