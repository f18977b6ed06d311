import { runKagPipeline } from '@keel/intelligence/kag/pipeline';
import type { JobContext, JobResult } from '../types.ts';

/** A project with nothing synced yet is looked at again this soon, not a whole day later. */
export const NO_HISTORY_RETRY_MS = 10 * 60_000;

/**
 * kag_daily_pipeline: the full daily pass for one project — the mirror re-ingested whole, then
 * signals, scores, graph, snapshots (past days backfilled) and outcome labels. Every step is
 * idempotent, so a retry or a second run the same day rewrites the same rows.
 */
export async function run(ctx: JobContext<Record<string, unknown>>): Promise<JobResult> {
  const { clock, bus } = ctx.deps;
  const r = await runKagPipeline(ctx.db, ctx.scope, { clock, bus }, { fullIngest: true });
  const summary = {
    eventsInserted: r.events.inserted,
    signals: r.signals.active,
    health: r.health,
    graphNodes: r.graph.nodes,
    graphEdges: r.graph.edges,
    snapshots: r.snapshots.snapshots,
    backfilled: r.snapshots.backfilled,
    outcomes: r.snapshots.outcomes,
    steps: r.steps.map((s) => `${s.step}:${s.status}`).join(','),
  };
  if (r.snapshots.skipped)
    return { status: 'skipped', reason: r.snapshots.skipped, summary, retryAfterMs: NO_HISTORY_RETRY_MS };
  return { status: 'succeeded', summary };
}
