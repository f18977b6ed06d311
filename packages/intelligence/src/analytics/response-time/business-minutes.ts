import type { BusinessCalendar } from '../../kag/business-hours.ts';

/**
 * Business minutes between two instants: the rule of `kag/business-hours.ts` (open when the
 * local weekday is a business day and startHour ≤ local hour < endHour, read with Intl so DST
 * is the zone's own), walked in 15-minute UTC buckets with each bucket's answer cached. Every
 * real UTC offset is a multiple of 15 minutes, so a bucket never straddles a local hour; the
 * cache makes the backfill's many overlapping clocks cheap (the same hours are asked daily).
 */
const QUARTER_MS = 15 * 60_000;
const WEEKDAY: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export type OpenAt = (bucket: number) => boolean;

const calendars = new Map<string, OpenAt>();

export function openCalendar(cal: BusinessCalendar): OpenAt {
  const key = `${cal.timezone}|${cal.days.join(',')}|${cal.startHour}|${cal.endHour}`;
  const known = calendars.get(key);
  if (known) return known;
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: cal.timezone,
    weekday: 'short',
    hour: 'numeric',
    hourCycle: 'h23',
  });
  const cache = new Map<number, boolean>();
  const open: OpenAt = (bucket) => {
    let v = cache.get(bucket);
    if (v === undefined) {
      const parts = fmt.formatToParts(new Date(bucket * QUARTER_MS));
      const weekday = WEEKDAY[parts.find((p) => p.type === 'weekday')?.value ?? ''] ?? 0;
      const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? '0');
      v = cal.days.includes(weekday) && hour >= cal.startHour && hour < cal.endHour;
      // Bounded: a year of quarters per calendar is ~35k entries.
      if (cache.size > 50_000) cache.clear();
      cache.set(bucket, v);
    }
    return v;
  };
  if (calendars.size > 100) calendars.clear();
  calendars.set(key, open);
  return open;
}

/** Business minutes in [from, to), at most `capMinutes` (a month of business time by default). */
export function businessMinutesBetween(
  from: number,
  to: number,
  open: OpenAt,
  capMinutes = 30 * 24 * 60,
): number {
  let total = 0;
  let t = from;
  while (t < to) {
    const bucket = Math.floor(t / QUARTER_MS);
    const end = Math.min(to, (bucket + 1) * QUARTER_MS);
    if (open(bucket)) total += end - t;
    if (total >= capMinutes * 60_000) return capMinutes;
    t = end;
  }
  return total / 60_000;
}
