import { readCursor, pageOf, timeUuidCursor } from '@keel/core/cursor';
import type { ProjectScope } from '@keel/core/scope';
import { listProjectEvents } from '@keel/db/queries/kag-events';
import {
  listKagRecommendations,
  listKagScores,
  listKagSignals,
  listScoreHistory,
} from '@keel/db/queries/kag-signals';
import type { KAG_EVENT_SOURCES, KagEventKind, SignalCategory } from '@keel/db/schema/kag-core';
import { runKagPipeline } from '@keel/intelligence/kag/pipeline';
import { trendPerDay } from '@keel/intelligence/kag/scoring';
import { type Actor, auditAs } from '../audit.ts';
import type { AppDeps } from '../deps.ts';
import { refreshRecommendationsV2 } from './recommendations-v2.ts';

/** Intelligence v1 as the API serves it: refresh on request, signals, scores, recommendations, events. */

const DAY_MS = 86_400_000;
/** One day more than the 7-day trend reads, so the window's first point is always loaded. */
const SCORE_HISTORY_DAYS = 8;

/**
 * Runs the project's whole pipeline now (refresh → graph → snapshots → case signatures →
 * forecasts: `runKagPipeline`) and audits it.
 */
export async function refreshProjectIntelligence(actor: Actor<'clock' | 'bus'>, scope: ProjectScope) {
  const { db, clock, bus } = actor.deps;
  const r = await runKagPipeline(db, scope, { clock, bus });
  await auditAs(actor, {
    projectId: scope.projectId,
    action: 'kag.refresh',
    payload: {
      signals: r.signals.active,
      health: r.health,
      eventsInserted: r.events.inserted,
      snapshots: r.snapshots.snapshots,
      outcomes: r.snapshots.outcomes,
    },
  });
  // Recommendations v2 are a step of the same pipeline: the refresh serves both versions.
  await refreshRecommendationsV2(actor.deps, scope, {
    kind: 'caller',
    auth: actor.auth,
    requestId: actor.requestId,
    ip: actor.ip,
  });
  return r;
}

export async function listProjectSignals(
  deps: Pick<AppDeps, 'db'>,
  scope: ProjectScope,
  filter: { category?: SignalCategory | undefined; minSeverity?: number | undefined; limit: number },
) {
  const rows = await listKagSignals(deps.db, scope, {
    limit: filter.limit,
    ...(filter.category ? { category: filter.category } : {}),
    ...(filter.minSeverity !== undefined ? { minSeverity: filter.minSeverity } : {}),
  });
  return {
    items: rows.map((s) => ({
      ...s,
      firstDetectedAt: s.firstDetectedAt.toISOString(),
      asOf: s.asOf.toISOString(),
    })),
  };
}

/** Health and risk with the points-per-day trend over the stored score history. */
export async function listProjectScores(deps: Pick<AppDeps, 'db' | 'clock'>, scope: ProjectScope) {
  const now = deps.clock.now();
  const [scores, history] = await Promise.all([
    listKagScores(deps.db, scope),
    listScoreHistory(deps.db, scope, new Date(now.getTime() - SCORE_HISTORY_DAYS * DAY_MS)),
  ]);
  return {
    items: scores.map(({ id: _id, ...s }) => ({
      ...s,
      trend7d: trendPerDay(
        history.filter((h) => h.scoreType === s.scoreType),
        now,
      ),
      asOf: s.asOf.toISOString(),
    })),
  };
}

export async function listProjectRecommendations(
  deps: Pick<AppDeps, 'db'>,
  scope: ProjectScope,
  filter: { status?: 'open' | 'done' | 'dismissed' | undefined; limit: number },
) {
  const rows = await listKagRecommendations(deps.db, scope, {
    limit: filter.limit,
    ...(filter.status ? { status: filter.status } : {}),
  });
  return {
    items: rows.map((r) => ({ ...r, asOf: r.asOf.toISOString(), createdAt: r.createdAt.toISOString() })),
  };
}

/** The project's typed events, newest first; `cursor` is the previous page's `nextCursor`. */
export async function listProjectEventsPage(
  deps: Pick<AppDeps, 'db'>,
  scope: ProjectScope,
  filter: {
    kind?: KagEventKind | undefined;
    source?: (typeof KAG_EVENT_SOURCES)[number] | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const rows = await listProjectEvents(deps.db, scope, {
    limit: filter.limit,
    cursor: readCursor(filter.cursor, timeUuidCursor),
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.source ? { source: filter.source } : {}),
  });
  const page = pageOf(rows, filter.limit, (e) => ({ t: e.occurredAt.toISOString(), id: e.id }));
  return {
    items: page.items.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() })),
    nextCursor: page.nextCursor,
  };
}
