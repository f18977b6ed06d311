import { makeEvent } from '@keel/core/events';
import type { Database } from '@keel/db/client';
import type { KagScope } from '@keel/db/queries/kag-ingest';
import {
  listEventSources,
  listProjectionInputs,
  markLegacySignalsResolved,
  upsertLegacySignals,
  upsertNextBestActions,
} from '@keel/db/queries/legacy-signals';
import type { KagRefreshContext } from '../kag/refresh.ts';
import { projectLegacySignals } from './project.ts';

/**
 * The seed's `extractSignalsAndNba` for one project: loads the current kag signals, the open
 * recommendations v2 and the stored legacy rows → projects them (`projectLegacySignals`) →
 * upserts signals and next best actions, marks cleared ones resolved → publishes
 * `signals.extracted`. Idempotent: a second run with nothing changed writes the same rows.
 * Callers audit (the app service on behalf of a person or the system).
 */
export type LegacyExtractResult = {
  signals: number;
  created: number;
  resolved: number;
  actions: number;
  fromRecommendations: number;
};

export async function extractLegacySignals(
  db: Database,
  scope: KagScope,
  ctx: KagRefreshContext,
): Promise<LegacyExtractResult> {
  const now = ctx.clock.now();
  const { kag, recs, stored } = await listProjectionInputs(db, scope);
  const eventIds = [
    ...new Set(
      kag.flatMap((s) => s.evidence.filter((e) => e?.table === 'kag_events').map((e) => String(e.id))),
    ),
  ].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const eventSources = await listEventSources(db, scope, eventIds);
  const projection = projectLegacySignals({ signals: kag, recommendations: recs, stored, eventSources, now });
  const result = await db.transaction(async (tx) => {
    const written = await upsertLegacySignals(tx, scope, projection.signals, now);
    const ids = new Map(written.map((w) => [w.dedupeKey, w.id]));
    await upsertNextBestActions(
      tx,
      scope,
      projection.actions.map(({ signalDedupeKey, origin: _o, ...a }) => ({
        ...a,
        signalId: ids.get(signalDedupeKey) ?? null,
      })),
      now,
    );
    const resolved = await markLegacySignalsResolved(tx, scope, projection.resolve, now);
    return { created: written.filter((w) => w.inserted).length, resolved };
  });
  const out: LegacyExtractResult = {
    signals: projection.signals.length,
    created: result.created,
    resolved: result.resolved,
    actions: projection.actions.length,
    fromRecommendations: projection.actions.filter((a) => a.origin.startsWith('recommendations_v2:')).length,
  };
  await ctx.bus.publish(
    makeEvent(
      'signals.extracted',
      scope,
      { signals: out.signals, created: out.created, resolved: out.resolved, actions: out.actions },
      now,
    ),
  );
  return out;
}
