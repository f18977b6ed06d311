/** Small input normalisers the seed's lib/utils.js exports. */

/** ISO 8601 string for a Date, a timestamp or a parseable string; null when there is no valid time. */
export function toIsoTime(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  let date: Date;
  if (value instanceof Date) date = value;
  else if (typeof value === 'number') date = new Date(value < 1e12 ? value * 1000 : value);
  else if (typeof value === 'string') date = /^\d+$/.test(value) ? toDateFromDigits(value) : new Date(value);
  else return null;
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function toDateFromDigits(value: string): Date {
  const n = Number(value);
  return new Date(n < 1e12 ? n * 1000 : n);
}

/** A positive integer clamped to `max`, or the fallback for anything else. */
export function toPositiveInt(value: unknown, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = typeof value === 'string' ? Number(value.trim()) : typeof value === 'number' ? value : Number.NaN;
  if (!Number.isFinite(n) || !Number.isInteger(n) || n <= 0) return fallback;
  return Math.min(n, max);
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_RE.test(value);
}

/** Project ids from `a,b`, `['a','b']` or repeated query params: unique, valid uuids only, order kept. */
export function parseProjectIdsInput(value: unknown, max = 500): string[] {
  const raw: unknown[] = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  const out: string[] = [];
  for (const item of raw) {
    if (typeof item !== 'string') continue;
    const id = item.trim().toLowerCase();
    if (isUuid(id) && !out.includes(id)) out.push(id);
    if (out.length >= max) break;
  }
  return out;
}
