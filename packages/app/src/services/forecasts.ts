import type { ProjectScope } from '@keel/core/scope';
import { listDailyForecasts14d, listLatestForecasts } from '@keel/db/queries/kag-forecasts';
import { listAccessibleProjects } from '@keel/db/queries/projects';
import type { Role } from '@keel/db/schema/platform';
import { refreshRiskForecasts } from '@keel/intelligence/kag/forecast/refresh';
import { getTrackRecord } from '@keel/intelligence/kag/forecast/track-record-service';
import { flagToday } from '@keel/intelligence/kag/forecast/flag-rule';
import {
  AT_RISK_14D_THRESHOLD,
  defaultForecastModel,
  flagRuleLookbackDays,
  flagRuleOf,
} from '@keel/intelligence/kag/forecast/model';
import { findSimilarCases } from '@keel/intelligence/kag/similarity/find';
import { rebuildCaseSignatures } from '@keel/intelligence/kag/similarity/rebuild';
import { type Actor, auditAs } from '../audit.ts';
import type { AppDeps } from '../deps.ts';

/** Forecasts, similar cases and the track record as the API serves them (seed: forecasting.js, similarity.js). */

type Viewer = { userId: string; workspaceRole: Role };

/** POST /kag/v2/forecast/refresh: the three horizons recomputed from the stored snapshots now. */
export async function refreshProjectForecasts(actor: Actor<'clock' | 'bus'>, scope: ProjectScope) {
  const { db, clock, bus } = actor.deps;
  const r = await refreshRiskForecasts(db, scope, { clock, bus });
  await auditAs(actor, {
    projectId: scope.projectId,
    action: 'kag.forecasts.refresh',
    payload: {
      asOf: r.asOf,
      modelVersion: r.modelVersion,
      historyDays: r.historyDays,
      similarCases: r.similarCases,
      probabilities: Object.fromEntries(
        r.forecasts.map((f) => [f.horizonDays, f.dataSufficient ? f.probability : null]),
      ),
    },
  });
  const atRisk = await atRiskToday(db, scope);
  return {
    asOf: r.asOf,
    modelVersion: r.modelVersion,
    historyDays: r.historyDays,
    items: r.forecasts.map((f) => view(f, atRisk)),
  };
}

/**
 * Today's "at risk" flag: the model's flag rule (flag-rule.ts) over the stored 14-day forecasts
 * of the last days, today's the newest. Null without a sufficient 14-day forecast.
 */
async function atRiskToday(db: AppDeps['db'], scope: ProjectScope): Promise<boolean | null> {
  const rule = flagRuleOf(defaultForecastModel());
  const days = await listDailyForecasts14d(db, scope, flagRuleLookbackDays(rule));
  return days.length === 0 ? null : flagToday(days, rule);
}

const view = (
  f: {
    horizonDays: number;
    probability: number;
    drivers: Array<{ term: string; value: number; coefficient: number; contribution: number }>;
    similarCases: Array<{ projectId: string; snapshotId: string; distance: number; riskEvent: boolean }>;
    dataSufficient: boolean;
    insufficiencyReason: string | null;
    modelVersion: string;
    asOf: Date;
  },
  atRisk14d: boolean | null,
) => ({
  horizonDays: f.horizonDays,
  // An insufficient row stores the base rate (the column is NOT NULL); it is never served as a forecast.
  probability: f.dataSufficient ? f.probability : null,
  atRisk: f.dataSufficient && f.horizonDays === 14 ? atRisk14d : null,
  drivers: f.drivers,
  similarCases: f.similarCases,
  dataSufficient: f.dataSufficient,
  insufficiencyReason: f.insufficiencyReason,
  modelVersion: f.modelVersion,
  asOf: f.asOf.toISOString(),
});

/** GET /kag/v2/forecast: the newest forecast per horizon. */
export async function listRiskForecasts(deps: Pick<AppDeps, 'db'>, scope: ProjectScope) {
  const rows = await listLatestForecasts(deps.db, scope);
  const atRisk = await atRiskToday(deps.db, scope);
  return { atRiskThreshold14d: AT_RISK_14D_THRESHOLD, items: rows.map((f) => view(f, atRisk)) };
}

/** POST /kag/similarity/rebuild: every signature of the project rewritten with the current version. */
export async function rebuildProjectSignatures(actor: Actor, scope: ProjectScope) {
  const r = await rebuildCaseSignatures(actor.deps.db, scope, { rebuild: true });
  await auditAs(actor, { projectId: scope.projectId, action: 'kag.similarity.rebuild', payload: r });
  return r;
}

/**
 * GET /kag/similar-cases. The neighbours may belong to projects the caller cannot open: those
 * keep their outcome (it shaped the forecast) but not their name.
 */
export async function listSimilarCases(
  deps: Pick<AppDeps, 'db'>,
  scope: ProjectScope,
  viewer: Viewer,
  input: { snapshotId?: string | undefined; k: number; mode?: 'exact' | undefined },
) {
  const [r, visible] = await Promise.all([
    findSimilarCases(deps.db, scope, {
      k: input.k,
      ...(input.snapshotId ? { snapshotId: input.snapshotId } : {}),
      ...(input.mode ? { mode: input.mode } : {}),
    }),
    listAccessibleProjects(deps.db, scope.accountScopeId, viewer.userId, viewer.workspaceRole),
  ]);
  const names = new Map(visible.map((p) => [p.id, p.name]));
  return {
    ...r,
    items: r.items.map((c) => ({
      ...c,
      projectName: names.get(c.projectId) ?? null,
      accessible: names.has(c.projectId),
    })),
  };
}

/** GET /kag/v2/forecast/track-record: the workspace's reliability per horizon (cached per data stamp). */
export async function readTrackRecord(deps: Pick<AppDeps, 'db' | 'clock'>, scope: ProjectScope) {
  return getTrackRecord(deps.db, scope.accountScopeId, deps.clock.now());
}
