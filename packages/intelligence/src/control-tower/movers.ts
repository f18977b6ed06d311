/**
 * Forecast movers: the projects whose 14-day risk probability changed most over the last seven
 * days. Only forecasts with enough history count (an insufficient one is not a number to move).
 */

export type ForecastPoint = { projectId: string; probability: number; asOf: string };
export type Mover = {
  projectId: string;
  from: number;
  to: number;
  /** to − from, in probability (−1..1). */
  change: number;
  fromAsOf: string;
  toAsOf: string;
};

/** A change smaller than this (one percentage point) is noise, not a move. */
export const MIN_MOVE = 0.01;

/**
 * `latest`: each project's newest forecast; `baseline`: its newest at or before a week ago, or
 * failing that its oldest within the week. Largest absolute change first, then project id.
 */
export function forecastMovers(
  latest: readonly ForecastPoint[],
  baseline: readonly ForecastPoint[],
  limit: number,
): Mover[] {
  const base = new Map(baseline.map((b) => [b.projectId, b]));
  const movers: Mover[] = [];
  for (const l of latest) {
    const b = base.get(l.projectId);
    if (!b || b.asOf >= l.asOf) continue;
    const change = Math.round((l.probability - b.probability) * 1000) / 1000;
    if (Math.abs(change) < MIN_MOVE) continue;
    movers.push({
      projectId: l.projectId,
      from: b.probability,
      to: l.probability,
      change,
      fromAsOf: b.asOf,
      toAsOf: l.asOf,
    });
  }
  return movers
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || (a.projectId < b.projectId ? -1 : 1))
    .slice(0, limit);
}
