import { z } from 'zod';
import type { KeelEventType } from './event-names.ts';

/**
 * The event contract: every event the bus carries, declared once with its payload (`data`).
 * Producers build events with `makeEvent` (typed per event), the Redis bus validates what it
 * receives, the SSE endpoint forwards them as they are and the web reads the same types.
 * A new event type is one name in `event-names.ts` and one schema here.
 */

/** Every job event names its run, its type and what started it (`schedule`, `manual`, …). */
const job = { runId: z.string(), jobType: z.string(), trigger: z.string() };

const resourceStats = z.object({
  fetched: z.number(),
  written: z.number(),
  pages: z.number(),
  failed: z.number(),
});

/** How a connector run ended; `sync.finished` also covers skipped (not configured, nothing bound). */
const syncOutcome = z.object({
  connector: z.string(),
  status: z.enum(['ok', 'partial', 'failed', 'skipped', 'busy']),
  reason: z.string().nullable(),
  resources: z.record(z.string(), resourceStats),
});

/** A sync run someone asked for (`POST /connectors/sync`): `connector` is one connector or `all`. */
const syncRun = { runId: z.string(), connector: z.string() };

export const EVENT_PAYLOADS = {
  'job.started': z.object({ ...job, scheduledJobId: z.string(), dueAt: z.string() }),
  /** `progress` is 0..1 when the handler knows it. */
  'job.progress': z.object({ ...job, progress: z.number().nullable(), message: z.string().nullable() }),
  'job.finished': z.object({
    ...job,
    status: z.enum(['succeeded', 'skipped']),
    durationMs: z.number(),
    summary: z.record(z.string(), z.unknown()),
    /** Why the job skipped; null when it succeeded. */
    reason: z.string().nullable(),
    nextRunAt: z.string(),
  }),
  'job.failed': z.object({
    ...job,
    error: z.string(),
    durationMs: z.number(),
    /** Null when the job is dead or was released to another worker. */
    retryAt: z.string().nullable(),
    dead: z.boolean(),
    consecutiveFailures: z.number().optional(),
  }),
  /** One committed page; `done`/`total` where the amount of work is known up front. */
  'sync.progress': z.object({
    connector: z.string(),
    resource: z.string(),
    fetched: z.number(),
    written: z.number(),
    page: z.number(),
    done: z.number().optional(),
    total: z.number().optional(),
  }),
  'sync.finished': syncOutcome,
  'sync.failed': syncOutcome,
  /** A page of a sync run landed: the run, the connector at work, its counts so far. */
  'connector.sync.progress': z.object({
    ...syncRun,
    resource: z.string(),
    fetched: z.number(),
    written: z.number(),
    page: z.number(),
    done: z.number().optional(),
    total: z.number().optional(),
  }),
  /** A sync run ended (also when it failed: `status` says how, `error` why). */
  'connector.sync.finished': z.object({
    ...syncRun,
    status: z.enum(['ok', 'partial', 'skipped', 'busy', 'failed']),
    error: z.string().nullable(),
    durationMs: z.number(),
    connectors: z.array(syncOutcome),
  }),
  'embeddings.progress': z.object({
    provider: z.string(),
    model: z.string(),
    dim: z.number(),
    total: z.number(),
    embedded: z.number(),
    failed: z.number(),
    /** False between batches, true on the last event of a run. */
    done: z.boolean(),
    remaining: z.number().optional(),
    error: z.string().optional(),
  }),
  /** Scores, signals and recommendations of the project were recomputed. */
  'kag.refreshed': z.object({ health: z.number(), risk: z.number(), signals: z.number() }),
  /** Daily snapshots were written (past days backfilled and/or today's) and closed windows labelled. */
  'kag.snapshots.built': z.object({ date: z.string(), snapshots: z.number(), outcomes: z.number() }),
  /** The project's 7/14/30-day risk forecasts were recomputed (the 14-day one feeds the portfolio). */
  'kag.forecasts.refreshed': z.object({
    asOf: z.string(),
    dataSufficient: z.boolean(),
    probability14d: z.number().nullable(),
    modelVersion: z.string(),
  }),
  'recommendations.new': z.object({ count: z.number(), version: z.string() }),
  /** Recommendations v2 changed status (a person acted, cards were seen, a refresh closed some). */
  'recommendations.updated': z.object({ ids: z.array(z.string()), status: z.string() }),
  /** An outbound message changed state (approved, held with the reason, sent, blocked, failed). */
  'outbound.updated': z.object({ id: z.string(), status: z.string(), reason: z.string().nullable() }),
  /** A recommendation action run ended (`succeeded` with what it created, or `failed` with why). */
  'action.finished': z.object({
    runId: z.string(),
    recommendationId: z.string(),
    actionType: z.string(),
    status: z.enum(['succeeded', 'failed']),
    externalUrl: z.string().nullable(),
    error: z.string().nullable(),
  }),
  /** A reminder set from a recommendation is due: the user who set it is told. */
  'reminder.due': z.object({
    runId: z.string(),
    recommendationId: z.string(),
    userId: z.string().nullable(),
    title: z.string(),
    remindAt: z.string(),
  }),
  /**
   * A session ended (sign-out) or an API key was revoked: every server closes the streams opened
   * with it at once. Internal — never forwarded to browsers.
   */
  'access.revoked': z.object({
    userId: z.string(),
    sessionIdHash: z.string().nullable(),
    apiKeyId: z.string().nullable(),
  }),
  /** Readers' daily or weekly digests were (re)composed for a period (workspace-wide: names no project). */
  'digest.generated': z.object({
    kind: z.enum(['daily', 'weekly']),
    periodKey: z.string(),
    projects: z.number(),
    readers: z.number(),
  }),
  /** A project's analytics snapshots (revenue per currency, delivery, comms) were rewritten. */
  'analytics.refreshed': z.object({ date: z.string(), days: z.number(), rows: z.number() }),
  /** A project's risk radar was rebuilt from the kag signals: items opened and closed by this refresh. */
  'risk.refreshed': z.object({ open: z.number(), opened: z.number(), closed: z.number() }),
  /** An account or deal was created, or a deal moved stage, from Keel (Attio first when connected). */
  'crm.changed': z.object({
    entity: z.enum(['account', 'opportunity']),
    id: z.string(),
    stage: z.string().nullable(),
    source: z.enum(['attio', 'manual']),
  }),
  /** The legacy signals / next best actions were re-projected from the kag signals. */
  'signals.extracted': z.object({
    signals: z.number(),
    created: z.number(),
    resolved: z.number(),
    actions: z.number(),
  }),
  /** The evidence index caught up with what signals, scores and recommendations cite. */
  'evidence.indexed': z.object({ items: z.number(), inserted: z.number(), citations: z.number() }),
  'upsell.refreshed': z.object({ detected: z.number(), created: z.number() }),
  'upsell.updated': z.object({ id: z.string(), status: z.string() }),
  /** Continuity actions were previewed or applied (`applied`/`failed` count the apply). */
  'continuity.updated': z.object({
    trigger: z.string(),
    actions: z.number(),
    applied: z.number(),
    failed: z.number(),
  }),
  /** The identity review queue or links changed: a refresh proposed pairs, a person applied, dismissed or undid one. */
  'identity.updated': z.object({
    action: z.enum(['refresh', 'apply', 'dismiss', 'undo']),
    suggestionIds: z.array(z.string()),
    proposed: z.number(),
  }),
} satisfies Record<KeelEventType, z.ZodType>;

export type KeelEventData<T extends KeelEventType> = z.infer<(typeof EVENT_PAYLOADS)[T]>;

function envelope<T extends KeelEventType>(type: T) {
  return z.object({
    type: z.literal(type),
    accountScopeId: z.string(),
    /** Null for workspace-wide events (they reach every stream of the workspace). */
    projectId: z.string().nullable(),
    at: z.string(),
    data: EVENT_PAYLOADS[type],
  });
}

export const keelEventSchema = z.discriminatedUnion('type', [
  envelope('job.started'),
  envelope('job.progress'),
  envelope('job.finished'),
  envelope('job.failed'),
  envelope('sync.progress'),
  envelope('sync.finished'),
  envelope('sync.failed'),
  envelope('connector.sync.progress'),
  envelope('connector.sync.finished'),
  envelope('embeddings.progress'),
  envelope('kag.refreshed'),
  envelope('kag.snapshots.built'),
  envelope('kag.forecasts.refreshed'),
  envelope('recommendations.new'),
  envelope('recommendations.updated'),
  envelope('outbound.updated'),
  envelope('action.finished'),
  envelope('reminder.due'),
  envelope('access.revoked'),
  envelope('digest.generated'),
  envelope('analytics.refreshed'),
  envelope('risk.refreshed'),
  envelope('crm.changed'),
  envelope('signals.extracted'),
  envelope('evidence.indexed'),
  envelope('upsell.refreshed'),
  envelope('upsell.updated'),
  envelope('continuity.updated'),
  envelope('identity.updated'),
]);

export type KeelEvent = z.infer<typeof keelEventSchema>;
export type KeelEventOf<T extends KeelEventType> = Extract<KeelEvent, { type: T }>;

/** The body of the stream's own `reset` event. */
export const streamResetSchema = z.object({
  reason: z.literal('replay_unavailable'),
  lastEventId: z.string(),
});
export type StreamReset = z.infer<typeof streamResetSchema>;
