/** Vendor timestamp formats. */

/** ISO-8601 with milliseconds, as Linear sends it. */
export function isoMs(ms: number): string {
  return new Date(ms).toISOString();
}

/** ISO-8601 with nanoseconds, as Attio sends it: 2022-11-21T13:22:49.061281000Z. */
export function isoNanos(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000000Z`;
}

/** YYYY-MM-DD (Linear's TimelessDate, Attio's date). */
export function dateOnly(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Epoch seconds, as Chatwoot's REST API sends most timestamps. */
export function epochSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
