import { z } from 'zod';
import { listConnectorErrors } from '@keel/app/services/connectors';
import { CONNECTOR_ERROR_STATUSES } from '@keel/db/schema/connectors';
import { projectProcedure } from '../../trpc.ts';
import { anyConnector, tags, time } from './schemas.ts';

const connectorErrorOut = z.object({
  id: z.string(),
  connector: anyConnector,
  operation: z.string(),
  /** The dedupe key: what a retry redoes. */
  unit: z.string(),
  sourceRef: z.string().nullable(),
  errorKind: z.string(),
  errorMessage: z.string(),
  httpStatus: z.number().nullable(),
  status: z.enum(CONNECTOR_ERROR_STATUSES),
  attempts: z.number(),
  nextRetryAt: time.nullable(),
  lastAttemptAt: time.nullable(),
  resolvedAt: time.nullable(),
  createdAt: time,
});

export const errorsProcedure = projectProcedure
  .meta({
    rest: { method: 'GET', path: '/connectors/errors', summary: 'Connector errors (dead letters)', tags },
  })
  .input(
    z.object({
      connector: anyConnector.optional(),
      status: z.enum(['pending', 'retrying', 'resolved', 'dead']).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  )
  .output(z.object({ errors: z.array(connectorErrorOut) }))
  .query(({ ctx, input }) => listConnectorErrors(ctx.deps, ctx.project, input));
