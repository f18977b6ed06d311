import { HOUR_MS } from './math.ts';

/**
 * Business hours between two instants in a project's timezone (Mon–Fri 9–18 by default).
 * Response times people can defend are measured in working time: a message sent on Friday
 * evening and answered on Monday morning waited minutes, not a weekend.
 */
export type BusinessCalendar = {
  timezone: string;
  startHour: number;
  endHour: number;
  days: readonly number[];
};

const WEEKDAY: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      weekday: 'short',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** Falls back to UTC for a timezone the runtime does not know, rather than failing a refresh. */
export function safeTimezone(timezone: string | null | undefined): string {
  if (!timezone) return 'UTC';
  try {
    formatter(timezone);
    return timezone;
  } catch {
    return 'UTC';
  }
}

type LocalClock = { weekday: number; hour: number; minute: number };

/**
 * Local weekday, hour and minute per timezone and UTC minute. `formatToParts` costs microseconds
 * and the walk below calls it once per hour of every wait, for every message of every day a
 * snapshot or analytics backfill judges — the same hours again and again (≈ a third of a
 * project's signal detection). Offsets are whole minutes, so every instant of a UTC minute has
 * the same local clock. Bounded: emptied past 100,000 entries.
 */
const MINUTE_MS = 60_000;
const clocks = new Map<string, Map<number, LocalClock>>();
let cached = 0;

function localClock(t: number, timezone: string): LocalClock {
  if (timezone === 'UTC') {
    const d = new Date(t);
    return { weekday: d.getUTCDay(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
  }
  const minute = Math.floor(t / MINUTE_MS);
  let zone = clocks.get(timezone);
  const hit = zone?.get(minute);
  if (hit) return hit;
  const parts = formatter(timezone).formatToParts(new Date(t));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
  const local = {
    weekday: WEEKDAY[get('weekday')] ?? 0,
    hour: Number(get('hour')),
    minute: Number(get('minute')),
  };
  if (cached >= 100_000) {
    clocks.clear();
    cached = 0;
  }
  if (!zone) {
    zone = new Map();
    clocks.set(timezone, zone);
  }
  zone.set(minute, local);
  cached += 1;
  return local;
}

/**
 * Walks local hour by local hour, so DST shifts and half-hour offsets are handled by Intl.
 * Stops at `capHours` of business time: callers saturate long before a month of waiting.
 */
export function businessHoursBetween(
  from: Date,
  to: Date,
  cal: BusinessCalendar,
  capHours = 24 * 30,
): number {
  let t = from.getTime();
  const end = to.getTime();
  if (!(end > t)) return 0;
  let total = 0;
  // Bound the walk: at most a year of wall-clock hours, whatever the cap.
  for (let steps = 0; t < end && steps < 24 * 366; steps++) {
    const local = localClock(t, cal.timezone);
    const nextBoundary = t + (60 - local.minute) * 60_000 - (t % 60_000);
    const stepEnd = Math.min(end, nextBoundary);
    const open = cal.days.includes(local.weekday) && local.hour >= cal.startHour && local.hour < cal.endHour;
    if (open) total += (stepEnd - t) / HOUR_MS;
    if (total >= capHours) return capHours;
    t = stepEnd;
  }
  return total;
}
