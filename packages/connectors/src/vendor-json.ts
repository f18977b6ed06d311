/**
 * Reading fields out of vendor JSON (`unknown` until proven otherwise), one definition for every
 * connector's mapper. Each reader answers `null` for anything that is not the expected shape, so a
 * mapper drops or defaults a field instead of throwing on a payload that drifted.
 */
export type JsonObject = Record<string, unknown>;

/** A plain object (not null, not an array). */
export function asObject(value: unknown): JsonObject | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : null;
}

/** A non-empty string. */
export function str(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** A finite number (a JSON number only: GraphQL and Attio send numbers as numbers). */
export function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A finite number or a numeric string (Chatwoot sends some ids and counts either way). */
export function num(value: unknown): number | null {
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return finite(value);
}

/** A string `Date.parse` understands (ISO 8601) → Date; anything else → null. */
export function isoDate(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** One of the allowed string values, or null. */
export function oneOf<T extends string>(allowed: readonly T[], value: unknown): T | null {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}
