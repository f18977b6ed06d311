import { z } from 'zod';
import { CONNECTORS } from '@keel/db/schema/connectors';

export const tags = ['Connectors'];
export const syncName = z.enum(['chatwoot', 'linear', 'attio']);
export const anyConnector = z.enum(CONNECTORS);
export const time = z.iso.datetime();
export const syncMode = z.enum(['incremental', 'full']);

const stats = z.record(
  z.string(),
  z.object({ fetched: z.number(), written: z.number(), pages: z.number(), failed: z.number() }),
);

/** One connector run; the manual job triggers (`/jobs/<connector>/sync`) answer the same. */
export const runResultOut = z.object({
  connector: syncName,
  status: z.enum(['ok', 'partial', 'failed', 'skipped', 'busy']),
  reason: z.string().optional(),
  resources: stats,
  errorsRegistered: z.number(),
  errorsResolved: z.number(),
  durationMs: z.number(),
});

/**
 * A sync run (`POST /connectors/sync`, `POST /connectors/:name/sync`, `GET /connectors/sync/:runId`):
 * the POST answers 202 with the run while it is `running`; `connector.sync.progress` and
 * `connector.sync.finished` report it over SSE.
 */
export const syncRunOut = z.object({
  runId: z.uuid(),
  connector: z.enum(['chatwoot', 'linear', 'attio', 'all']),
  mode: syncMode,
  status: z.enum(['running', 'ok', 'partial', 'skipped', 'busy', 'failed']),
  /** This request found the run already running and joined it (a retry, another tab). */
  joined: z.boolean(),
  error: z.string().nullable(),
  /** The connectors finished so far, in order. */
  results: z.array(runResultOut.extend({ reason: z.string().nullable() })),
  startedAt: time,
  finishedAt: time.nullable(),
});

export const reconciliationOut = z.object({
  at: time,
  differences: z.number(),
  connectors: z.array(
    z.object({
      connector: syncName,
      status: z.enum(['ok', 'skipped', 'failed']),
      error: z.string().nullable(),
      resources: z.array(
        z.object({
          resource: z.string(),
          /** Ids at the source and in Keel. */
          source: z.number(),
          keel: z.number(),
          /** At the source, not in Keel (first 20). */
          missing: z.array(z.string()),
          /** In Keel for this project, gone at the source (first 20). */
          extra: z.array(z.string()),
          differences: z.number(),
        }),
      ),
    }),
  ),
});
