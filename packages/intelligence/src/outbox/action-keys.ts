import { createHash } from 'node:crypto';

/**
 * Idempotency keys of recommendation actions and outbound messages. The same inputs always give
 * the same key, so a retried or concurrently repeated action lands on the same row and the same
 * vendor object.
 */
export function actionIdempotencyKey(
  recommendationId: string,
  actionType: string,
  clientKey?: string | null,
): string {
  const suffix = clientKey && clientKey.trim().length > 0 ? clientKey.trim().slice(0, 120) : 'default';
  return `rec:${recommendationId}:${actionType}:${suffix}`;
}

/**
 * A UUID (version 4 layout) derived from a key: Linear's `IssueCreateInput.id` accepts a
 * client-chosen id, so the issue a key creates is found again with `issue(id:)` — even when the
 * create call timed out after Linear had stored it.
 */
export function uuidForKey(key: string): string {
  const h = createHash('sha256').update(key).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x40;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The marker written into a created vendor object (issue description, message attributes). */
export function keyMarker(key: string): string {
  return `keel-key:${key}`;
}
