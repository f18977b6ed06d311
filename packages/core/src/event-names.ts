/**
 * The names of every event the bus carries, and of the stream's own `reset` and `resync`. Plain data with
 * no imports, so the browser bundle can list them without zod; `event-types.ts` declares the
 * payload of each one and the compiler keeps the two in step (a name without a schema, or a
 * schema without a name, does not typecheck).
 */
export const KEEL_EVENT_TYPES = [
  'job.started',
  'job.progress',
  'job.finished',
  'job.failed',
  'sync.progress',
  'sync.finished',
  'sync.failed',
  'connector.sync.progress',
  'connector.sync.finished',
  'embeddings.progress',
  'kag.refreshed',
  'kag.snapshots.built',
  'kag.forecasts.refreshed',
  'recommendations.new',
  'recommendations.updated',
  'outbound.updated',
  'action.finished',
  'reminder.due',
  'access.revoked',
  'digest.generated',
  'analytics.refreshed',
  'risk.refreshed',
  'crm.changed',
  'signals.extracted',
  'evidence.indexed',
  'upsell.refreshed',
  'upsell.updated',
  'continuity.updated',
  'identity.updated',
] as const;

export type KeelEventType = (typeof KEEL_EVENT_TYPES)[number];

/** Sent by `GET /events/stream` itself (never on the bus): the replay the client asked for is gone. */
export const STREAM_RESET = 'reset';

/** Sent by the SSE hub to every client when Redis returns after an outage: events of other processes were lost meanwhile. */
export const STREAM_RESYNC = 'resync';

/** Everything a browser can receive with an `event:` name over SSE. */
export const STREAM_EVENT_TYPES = [...KEEL_EVENT_TYPES, STREAM_RESET, STREAM_RESYNC] as const;
export type StreamEventType = (typeof STREAM_EVENT_TYPES)[number];

/**
 * Bus events for the servers only: the SSE hub acts on them and never forwards them (they name
 * sessions and keys).
 */
export const INTERNAL_EVENT_TYPES: readonly KeelEventType[] = ['access.revoked'];

export function isKeelEventType(type: string): type is KeelEventType {
  return (KEEL_EVENT_TYPES as readonly string[]).includes(type);
}
