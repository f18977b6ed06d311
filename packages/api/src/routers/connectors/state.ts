import { z } from 'zod';
import { getConnectorsState } from '@keel/app/services/connectors';
import { CONNECTOR_SYNC_STATUSES } from '@keel/db/schema/connectors';
import { projectProcedure } from '../../trpc.ts';
import { anyConnector, syncMode, tags, time } from './schemas.ts';

const connectorStateOut = z.object({
  connector: anyConnector,
  configured: z.boolean(),
  status: z.enum(CONNECTOR_SYNC_STATUSES),
  mode: syncMode.nullable(),
  lastStartedAt: time.nullable(),
  lastFinishedAt: time.nullable(),
  lastSuccessAt: time.nullable(),
  durationMs: z.number().nullable(),
  lastError: z.string().nullable(),
  consecutiveFailures: z.number(),
  /** The last run's counters, `resource.measure` → n (e.g. `messages.written`). */
  counts: z.record(z.string(), z.number()),
  openErrors: z.number(),
});

export const stateProcedure = projectProcedure
  .meta({ rest: { method: 'GET', path: '/connectors/state', summary: 'Sync state per connector', tags } })
  .output(z.object({ connectors: z.array(connectorStateOut) }))
  .query(({ ctx }) => getConnectorsState(ctx.deps, ctx.project));
