import { makeEvent } from '@keel/core/events';
import type { Database } from '@keel/db/client';
import { loadMessageEvents } from '@keel/db/queries/kag-ingest';
import { failProcessRun, finishProcessRun, startProcessRun } from '@keel/db/queries/process-log';
import { latestProjectHealth } from '@keel/db/queries/risk-radar';
import { listWonDeals, upsertUpsellOpportunities } from '@keel/db/queries/upsell';
import { toMessageFacts } from '../kag/facts.ts';
import { DAY_MS } from '../kag/math.ts';
import type { KagRefreshContext } from '../kag/refresh.ts';
import { detectUpsellOpportunities, UPSELL_CONFIG, upsellGate } from './detect.ts';

/**
 * The seed's upsell.js `refreshUpsellRadar` for one project: loads the kag health score (as the
 * kag refresh stored it), the won deals of the CRM mirror and the client messages of the
 * lookback window; computes the opportunities; upserts them by dedupe key (a person's status
 * is kept); publishes `upsell.refreshed`. `skipped` says why a project gets none.
 */
export type UpsellRefreshResult = {
  asOf: string;
  configVersion: string;
  health: number | null;
  skipped: string | null;
  detected: number;
  created: string[];
  updated: number;
};

export async function refreshUpsellRadar(
  db: Database,
  scope: { accountScopeId: string; projectId: string },
  ctx: KagRefreshContext,
): Promise<UpsellRefreshResult> {
  const now = ctx.clock.now();
  const run = await startProcessRun(db, scope, 'upsell.refresh', {
    now,
    meta: { configVersion: UPSELL_CONFIG.version },
  });
  try {
    const from = new Date(now.getTime() - UPSELL_CONFIG.lookbackDays * DAY_MS);
    const [health, wonDeals, events] = await Promise.all([
      latestProjectHealth(db, scope),
      listWonDeals(db, scope),
      loadMessageEvents(db, scope, from),
    ]);
    const input = { now, health: health?.score ?? null, wonDeals, messages: toMessageFacts(events) };
    const gate = upsellGate(input);
    const detected = detectUpsellOpportunities(input);
    const written = await upsertUpsellOpportunities(db, scope, detected, now);
    await finishProcessRun(db, run, {
      now: ctx.clock.now(),
      counts: { detected: detected.length, created: written.created.length, updated: written.updated },
    });
    await ctx.bus.publish(
      makeEvent(
        'upsell.refreshed',
        scope,
        { detected: detected.length, created: written.created.length },
        now,
      ),
    );
    return {
      asOf: now.toISOString(),
      configVersion: UPSELL_CONFIG.version,
      health: input.health,
      skipped: gate.ok ? null : gate.reason,
      detected: detected.length,
      ...written,
    };
  } catch (error) {
    await failProcessRun(db, run, error instanceof Error ? error.message : String(error), {
      now: ctx.clock.now(),
    });
    throw error;
  }
}
