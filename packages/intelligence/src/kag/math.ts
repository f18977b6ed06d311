/** Small numeric helpers shared by the detectors and scores. */
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

export const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.max(0, Math.min(1, x)) : 0);

/** 0 at `lo`, 1 at `hi`, linear in between: "severity grows with …". */
export const ramp = (x: number, lo: number, hi: number): number =>
  hi === lo ? (x >= hi ? 1 : 0) : clamp01((x - lo) / (hi - lo));

export const round = (x: number, digits = 3): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const hi = s[mid] ?? 0;
  return s.length % 2 === 1 ? hi : ((s[mid - 1] ?? hi) + hi) / 2;
}

export const daysBetween = (from: Date, to: Date): number => (to.getTime() - from.getTime()) / DAY_MS;

/** A YYYY-MM-DD date as the end of that UTC day, when a "due" date has passed. */
export const endOfDate = (date: string): Date => new Date(`${date}T23:59:59.999Z`);
export const startOfDate = (date: string): Date => new Date(`${date}T00:00:00.000Z`);

export const formatHours = (h: number): string => (h < 10 ? h.toFixed(1) : String(Math.round(h)));

export function formatAmount(minor: number, currency: string): string {
  return `${currency} ${Math.round(minor / 100).toLocaleString('en-US')}`;
}
