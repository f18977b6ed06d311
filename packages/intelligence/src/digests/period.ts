import type { DigestKind, DigestWindow } from './types.ts';

const DAY_MS = 86_400_000;

/** The UTC calendar day of an instant, `YYYY-MM-DD`. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Monday of the instant's ISO week (UTC), `YYYY-MM-DD`. */
export function weekStartOf(at: Date): string {
  const day = new Date(`${utcDay(at)}T00:00:00.000Z`);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return utcDay(new Date(day.getTime() - sinceMonday * DAY_MS));
}

/**
 * The period a digest generated at `now` covers: a daily digest the last 24 hours (keyed by the
 * UTC day), a weekly one the last 7 days (keyed by the week's Monday). Workspaces have no time
 * zone yet, so days are UTC days.
 */
export function digestWindow(kind: DigestKind, now: Date): DigestWindow {
  const span = kind === 'daily' ? DAY_MS : 7 * DAY_MS;
  return {
    kind,
    periodKey: kind === 'daily' ? utcDay(now) : weekStartOf(now),
    from: new Date(now.getTime() - span),
    to: now,
  };
}
