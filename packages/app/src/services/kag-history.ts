import { pageOf, readCursor, timeUuidCursor } from '@keel/core/cursor';
import type { ProjectScope } from '@keel/core/scope';
import { listDailyScoreHistory, listSignalHistory } from '@keel/db/queries/kag-history';
import type { AppDeps } from '../deps.ts';

/** The project page's history: the daily health and risk series and the signal timeline. */

const DAY_MS = 86_400_000;

export type DailyScorePoint = {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  health: number | null;
  risk: number | null;
  /** The refresh the day's points come from (its newest `as_of`). */
  asOf: string;
  configVersion: string;
};

/**
 * One point per day that had a refresh, oldest first. Days without a refresh are absent rather
 * than carried forward: the chart shows a gap where Keel had nothing new to say.
 */
export async function listProjectScoreHistory(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  scope: ProjectScope,
  input: { days: number },
) {
  const to = deps.clock.now();
  const from = new Date(to.getTime() - input.days * DAY_MS);
  const rows = await listDailyScoreHistory(deps.db, scope, from);
  const byDay = new Map<string, DailyScorePoint>();
  for (const r of rows) {
    const asOf = r.asOf.toISOString();
    const point = byDay.get(r.day) ?? {
      day: r.day,
      health: null,
      risk: null,
      asOf,
      configVersion: r.configVersion,
    };
    point[r.scoreType] = r.value;
    if (asOf > point.asOf) {
      point.asOf = asOf;
      point.configVersion = r.configVersion;
    }
    byDay.set(r.day, point);
  }
  return {
    days: input.days,
    from: from.toISOString(),
    to: to.toISOString(),
    items: [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day)),
  };
}

/** Signals appearing, changing and resolving, newest first; `cursor` is the previous page's `nextCursor`. */
export async function listProjectSignalHistory(
  deps: Pick<AppDeps, 'db'>,
  scope: ProjectScope,
  input: { limit: number; cursor?: string | undefined },
) {
  const rows = await listSignalHistory(deps.db, scope, {
    limit: input.limit,
    cursor: readCursor(input.cursor, timeUuidCursor),
  });
  const page = pageOf(rows, input.limit, (h) => ({ t: h.asOf.toISOString(), id: h.id }));
  return {
    items: page.items.map((h) => ({ ...h, asOf: h.asOf.toISOString() })),
    nextCursor: page.nextCursor,
  };
}
