import { type HealthBand, healthBand } from '../portfolio/overview.ts';

/**
 * The health distribution per day, from score history. The bands are the portfolio's
 * (`healthBand`), so a day's distribution and today's portfolio count projects the same way.
 */

export type HealthPoint = { projectId: string; day: string; value: number };
export type BandCounts = Record<HealthBand, number>;
export type HealthTrendDay = { day: string; byBand: BandCounts };

export const emptyBands = (): BandCounts => ({ at_risk: 0, watch: 0, healthy: 0, unscored: 0 });

/** `count` UTC days ending with `today` (inclusive), oldest first. */
export function lastDays(today: Date, count: number): string[] {
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Array.from({ length: count }, (_, i) =>
    new Date(end - (count - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
}

/**
 * Each project's band on each day: its last health of that day, carried forward over days
 * without a refresh (health is a state, not an event); a project with no health yet is unscored.
 * `points` must hold at most one value per (project, day) — the day's last.
 */
export function healthTrend(
  projectIds: readonly string[],
  points: readonly HealthPoint[],
  days: readonly string[],
): HealthTrendDay[] {
  const byProject = new Map<string, HealthPoint[]>();
  for (const p of points) {
    const list = byProject.get(p.projectId) ?? [];
    list.push(p);
    byProject.set(p.projectId, list);
  }
  for (const list of byProject.values()) list.sort((a, b) => (a.day < b.day ? -1 : 1));
  const result = days.map((day) => ({ day, byBand: emptyBands() }));
  for (const id of projectIds) {
    const list = byProject.get(id) ?? [];
    let i = 0;
    let current: number | null = null;
    for (const d of result) {
      while (i < list.length && (list[i] as HealthPoint).day <= d.day)
        current = (list[i++] as HealthPoint).value;
      d.byBand[healthBand(current)] += 1;
    }
  }
  return result;
}

/** The trend with its last day replaced by the distribution shown now (the portfolio's). */
export function withToday(
  trend: readonly HealthTrendDay[],
  today: string,
  now: BandCounts,
): HealthTrendDay[] {
  const rest = trend.filter((d) => d.day !== today);
  return [...rest, { day: today, byBand: { ...now } }];
}
