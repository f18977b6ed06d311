import type { Database } from '@keel/db/client';
import type { KagScope } from '@keel/db/queries/kag-ingest';
import { type GraphRefreshResult, refreshProjectGraph } from './graph/refresh.ts';
import { type KagRefreshContext, type KagRefreshResult, runKagRecommendationRefresh } from './refresh.ts';
import { refreshAnalytics } from '../analytics/refresh.ts';
import { refreshRiskAndHealth } from '../analytics/risk-refresh.ts';
import { refreshRiskForecasts } from './forecast/refresh.ts';
import { rebuildCaseSignatures } from './similarity/rebuild.ts';
import { indexEvidenceRefs } from '../evidence/index-refs.ts';
import { extractLegacySignals } from '../legacy/extract.ts';
import { buildProjectSnapshot, type SnapshotBuildResult, type SnapshotOptions } from './snapshots/build.ts';

/**
 * The whole intelligence pipeline for one project, in the seed's order (POST /kag/refresh and
 * the daily job `kag_daily_pipeline`):
 *
 *   1. refresh          ingest → signals → scores → recommendations (runKagRecommendationRefresh)
 *   2. graph            kag_nodes / kag_edges (refreshProjectGraph)
 *   3. snapshots        today's row from step 1, missing past days backfilled, closed windows
 *                       labelled into past_case_outcomes (buildProjectSnapshot)
 *   4. case signatures  one vector per snapshot of step 3 (rebuildCaseSignatures)
 *   5. forecasts        7/14/30-day risk from the stored snapshots and the nearest past cases
 *                       of other projects (refreshRiskForecasts)
 *   6. analytics        revenue (per currency, revenue at risk from step 5), delivery and comms
 *                       snapshots for today plus the missing past days (refreshAnalytics)
 *   7. risk             the risk radar from step 1's signals and health, step 5's forecast and
 *                       step 6's revenue at risk (refreshRiskAndHealth)
 *   8. legacy           the seed's legacy signals and next best actions, projected from step 1's
 *                       signals and the open recommendations v2 (extractLegacySignals)
 *   9. evidence         every ref the rows above cite, indexed with who cites it (indexEvidenceRefs)
 *
 * Steps 4 to 9 are hooks with those defaults, so a test (or a caller) can replace or skip them.
 * A hook's result is reported under its name in `steps`; a hook set to null is reported as skipped.
 */
export const KAG_PIPELINE_STEPS = [
  'refresh',
  'graph',
  'snapshots',
  'caseSignatures',
  'forecasts',
  'analytics',
  'risk',
  'legacy',
  'evidence',
] as const;
export type KagPipelineStep = (typeof KAG_PIPELINE_STEPS)[number];

export type PipelineHook = (db: Database, scope: KagScope, ctx: KagRefreshContext) => Promise<unknown>;
/** `null` skips a step; an absent hook runs the default. */
export type KagPipelineHooks = {
  forecasts?: PipelineHook | null;
  caseSignatures?: PipelineHook | null;
  analytics?: PipelineHook | null;
  risk?: PipelineHook | null;
  legacy?: PipelineHook | null;
  evidence?: PipelineHook | null;
};

export const DEFAULT_PIPELINE_HOOKS: Required<{ [K in keyof KagPipelineHooks]: PipelineHook }> = {
  caseSignatures: (db, scope) => rebuildCaseSignatures(db, scope),
  forecasts: (db, scope, ctx) => refreshRiskForecasts(db, scope, ctx),
  analytics: (db, scope, ctx) => refreshAnalytics(db, scope, ctx),
  risk: (db, scope, ctx) => refreshRiskAndHealth(db, scope, ctx),
  legacy: (db, scope, ctx) => extractLegacySignals(db, scope, ctx),
  evidence: (db, scope, ctx) => indexEvidenceRefs(db, scope, ctx),
};

export type KagPipelineOptions = {
  /**
   * The daily full pass: each mirror table checked against what its last full read saw and
   * re-read whole where anything differs, only past it where nothing does (kag/ingest.ts);
   * `'force'` re-reads every table whole.
   */
  fullIngest?: boolean | 'force';
  snapshots?: SnapshotOptions;
  hooks?: KagPipelineHooks;
};

export type KagPipelineResult = KagRefreshResult & {
  graph: GraphRefreshResult;
  snapshots: SnapshotBuildResult;
  /** Each step in order with how long it took; hooks not plugged in are `skipped`. */
  steps: Array<{ step: KagPipelineStep; status: 'done' | 'skipped'; ms: number }>;
};

export async function runKagPipeline(
  db: Database,
  scope: KagScope,
  ctx: KagRefreshContext,
  options: KagPipelineOptions = {},
): Promise<KagPipelineResult> {
  const steps: KagPipelineResult['steps'] = [];
  const timed = async <T>(step: KagPipelineStep, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await fn();
    steps.push({ step, status: 'done', ms: Math.round(performance.now() - t0) });
    return r;
  };
  const hook = async (step: KagPipelineStep, fn: PipelineHook | null) => {
    if (fn) await timed(step, () => fn(db, scope, ctx));
    else steps.push({ step, status: 'skipped', ms: 0 });
  };

  const ingest = options.fullIngest === 'force' ? 'force' : options.fullIngest ? 'full' : 'incremental';
  const refresh = await timed('refresh', () => runKagRecommendationRefresh(db, scope, ctx, { ingest }));
  const graph = await timed('graph', () => refreshProjectGraph(db, scope));
  const snapshots = await timed('snapshots', () => buildProjectSnapshot(db, scope, ctx, options.snapshots));
  const hooks = { ...DEFAULT_PIPELINE_HOOKS, ...options.hooks };
  await hook('caseSignatures', hooks.caseSignatures);
  await hook('forecasts', hooks.forecasts);
  await hook('analytics', hooks.analytics);
  await hook('risk', hooks.risk);
  await hook('legacy', hooks.legacy);
  await hook('evidence', hooks.evidence);
  return { ...refresh, graph, snapshots, steps };
}
