import { pageOf, readCursor, timeUuidCursor } from '@keel/core/cursor';
import type { ProjectScope } from '@keel/core/scope';
import { listPastCaseOutcomes, listProjectSnapshots } from '@keel/db/queries/kag-snapshots';
import type { DaySignal } from '@keel/intelligence/kag/history/day';
import { buildProjectSnapshot } from '@keel/intelligence/kag/snapshots/build';
import type { SnapshotScores } from '@keel/intelligence/kag/snapshots/rows';
import { type Actor, auditAs } from '../audit.ts';
import type { AppDeps } from '../deps.ts';

/** Snapshots and past-case outcomes as the API serves them (seed: snapshots.js). */

/** POST /kag/snapshots/refresh: today's snapshot, missing past days backfilled, closed windows labelled. */
export async function refreshProjectSnapshots(actor: Actor<'clock' | 'bus'>, scope: ProjectScope) {
  const { db, clock, bus } = actor.deps;
  const r = await buildProjectSnapshot(db, scope, { clock, bus });
  await auditAs(actor, {
    projectId: scope.projectId,
    action: 'kag.snapshots.refresh',
    payload: { snapshots: r.snapshots, backfilled: r.backfilled, outcomes: r.outcomes, today: r.today },
  });
  return r;
}

/** A date as the lists' (time, uuid) cursor carries it: midnight UTC of that day. */
const dayKey = (date: string, id: string) => ({ t: `${date}T00:00:00.000Z`, id });

export async function listProjectSnapshotsPage(
  deps: Pick<AppDeps, 'db'>,
  scope: ProjectScope,
  filter: { from?: string | undefined; to?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const rows = await listProjectSnapshots(deps.db, scope, {
    limit: filter.limit,
    cursor: readCursor(filter.cursor, timeUuidCursor),
    ...(filter.from ? { from: filter.from } : {}),
    ...(filter.to ? { to: filter.to } : {}),
  });
  const page = pageOf(rows, filter.limit, (s) => dayKey(s.snapshotDate, s.id));
  return {
    // The jsonb columns hold what `snapshotFromDay` / `snapshotFromLive` wrote.
    items: page.items.map((s) => ({
      ...s,
      scores: s.scores as SnapshotScores,
      signals: s.signals as Record<string, DaySignal>,
      asOf: s.asOf.toISOString(),
    })),
    nextCursor: page.nextCursor,
  };
}

export async function listPastCaseOutcomesPage(
  deps: Pick<AppDeps, 'db'>,
  scope: ProjectScope,
  filter: { horizonDays?: number | undefined; limit: number; cursor?: string | undefined },
) {
  const rows = await listPastCaseOutcomes(deps.db, scope, {
    limit: filter.limit,
    cursor: readCursor(filter.cursor, timeUuidCursor),
    ...(filter.horizonDays ? { horizonDays: filter.horizonDays } : {}),
  });
  const page = pageOf(rows, filter.limit, (o) => dayKey(o.windowStart, o.id));
  return {
    items: page.items.map((o) => ({
      ...o,
      eventAt: o.eventAt ? o.eventAt.toISOString() : null,
      labeledAt: o.labeledAt.toISOString(),
    })),
    nextCursor: page.nextCursor,
  };
}
