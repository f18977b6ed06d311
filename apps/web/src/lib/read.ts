/**
 * Readers for API rows typed as `Record<string, unknown>` (the connectors and data routers
 * declare loose outputs): each screen maps a row into its own view type in one place.
 */
export type Row = Record<string, unknown>;

export function str(row: Row, key: string): string | null {
  const v = row[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return null;
}

export function num(row: Row, key: string): number | null {
  const v = row[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

export function bool(row: Row, key: string): boolean {
  return row[key] === true;
}

export function strings(row: Row, key: string): string[] {
  const v = row[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function numbers(row: Row, key: string): Record<string, number> {
  const v = row[key];
  if (!v || typeof v !== 'object') return {};
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries(v as Row)) if (typeof x === 'number') out[k] = x;
  return out;
}

export function asRow(value: unknown): Row | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Row) : null;
}
