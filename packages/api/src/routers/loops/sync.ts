import { z } from 'zod';
import { syncLoopsNow } from '@keel/app/services/loops';
import { projectWriteProcedure } from '../../trpc.ts';

/** Email marketing: POST /loops/sync pushes the project's contacts with project and health properties. */
export const syncProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/loops/sync',
      summary: 'Sync contacts to Loops.so',
      tags: ['Email Marketing'],
    },
  })
  .input(
    z
      .object({ dryRun: z.boolean().optional(), limit: z.number().int().min(1).max(5000).optional() })
      .optional(),
  )
  .output(
    z.object({
      status: z.enum(['ok', 'partial', 'skipped']),
      reason: z.string().nullable(),
      contacts: z.number(),
      pushed: z.number(),
      failed: z.number(),
      dryRun: z.boolean(),
    }),
  )
  .mutation(({ ctx, input }) => syncLoopsNow(ctx, ctx.project, input ?? {}));
