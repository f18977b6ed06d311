import { z } from 'zod';
import { iso } from '../outbound/schemas.ts';

/** Recommendation actions (`/kag/v2/recommendations/:id/actions`) and the shell's notifications. */
export const tags = ['Recommendations'];
export const actionType = z.enum(['create_or_update_task', 'send_message', 'set_reminder']);

export const actionRun = z.object({
  id: z.string(),
  recommendationId: z.string(),
  actionType,
  idempotencyKey: z.string(),
  status: z.enum(['pending', 'running', 'succeeded', 'failed', 'dead']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  nextRetryAt: iso.nullable(),
  request: z.record(z.string(), z.unknown()),
  result: z.record(z.string(), z.unknown()).nullable(),
  /** The Linear issue id, the outbox message id or `reminder:<run id>`. */
  externalId: z.string().nullable(),
  externalUrl: z.string().nullable(),
  requestedBy: z.string().nullable(),
  startedAt: iso.nullable(),
  finishedAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
});
