import type { Clock } from '@keel/core/clock';
import type { SecretBox } from '@keel/core/crypto';
import type { Env } from '@keel/core/env';
import type { EventBus } from '@keel/core/events';
import type { Logger } from '@keel/core/logger';
import type { Database } from '@keel/db/client';

/** The connectors that pull data into Keel (Loops is push-only and has its own entry point). */
export const SYNC_CONNECTORS = ['chatwoot', 'linear', 'attio'] as const;
export type SyncConnector = (typeof SYNC_CONNECTORS)[number];

export type ProjectScope = { accountScopeId: string; projectId: string };
/** The scope a mapped row carries: objects nobody bound are mirrored with no project. */
export type RowScope = { accountScopeId: string; projectId: string | null };

/** HTTP behaviour knobs; defaults are the seed's fetchWithRetry values. Tests shrink them. */
export type HttpTuning = {
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  maxRetryAfterMs?: number;
  /** Extra attempts of a whole page when a response was unusable (truncated, repeated, throttled). */
  pageRetries?: number;
};

/** One outgoing vendor request, reported to `onRequest` (conformance tests record them). */
export type RecordedRequest = {
  connector: string;
  method: string;
  url: string;
  body: unknown;
};

/** Re-chunks Chatwoot conversations for search (the RAG package's refreshConversationChunks). */
export type ChunkRefresher = (
  db: Database,
  scope: { accountScopeId: string; projectId: string | null },
  conversationExternalIds: string[],
) => Promise<{ chunksWritten: number }>;

/**
 * Runs once a sync of one project ended (one connector, or every connector of a batch: the
 * scheduler's cycle, the dead-letter retries), with what each run did. The app passes one that
 * brings the jobs reading synced rows (scores, embeddings) forward.
 */
export type AfterSync = (
  db: Database,
  scope: ProjectScope,
  results: readonly ConnectorRunResult[],
) => Promise<void>;

/**
 * What every sync needs besides the database and the scope. The seed passed `(pool, scope,
 * logger)`; Keel passes the app's long-lived services instead so tests control time and HTTP.
 */
export type SyncDeps = {
  logger: Logger;
  bus: EventBus;
  clock: Clock;
  secrets: SecretBox;
  env: Env;
  signal?: AbortSignal;
  http?: HttpTuning;
  fetchImpl?: typeof fetch;
  refreshChunks?: ChunkRefresher;
  /** Called by the orchestration after every sync, whoever started it (see connector-sync.ts). */
  afterSync?: AfterSync;
  onRequest?: (request: RecordedRequest) => void;
  /**
   * Who holds the sync lease (a scheduled sync passes `job_run:<run id>`); a fresh id per sync
   * when absent. The orchestration sets it for the runners, which heartbeat under it.
   */
  leaseOwner?: string;
  /** The sync lease's lifetime (the scheduler passes its job lease); DEFAULT_SYNC_LEASE_MS when absent. */
  leaseMs?: number;
  /** Hears of every committed page (after `sync.progress` is published): a sync run's own events. */
  onProgress?: (progress: SyncProgress) => Promise<void>;
};

/** One committed page: the resource's counts so far, and done/total where the work is known up front. */
export type SyncProgress = {
  connector: SyncConnector;
  resource: string;
  fetched: number;
  written: number;
  page: number;
  done?: number;
  total?: number;
};

/** Per-resource counters of one run: fetched from the vendor, written (inserted or changed). */
export type ResourceStats = Record<
  string,
  { fetched: number; written: number; pages: number; failed: number }
>;

export type ConnectorRunResult = {
  connector: SyncConnector;
  status: 'ok' | 'partial' | 'failed' | 'skipped' | 'busy';
  reason?: string;
  resources: ResourceStats;
  errorsRegistered: number;
  errorsResolved: number;
  durationMs: number;
};
