import { z } from 'zod';
import { syncLoopsContacts } from '@keel/connectors/loops/sync';
import { auditAs } from '@keel/app/audit';
import { projectWriteProcedure, router } from '../trpc.ts';
import { syncDepsOf } from '@keel/app/services/connector-sync';

/** Email marketing: POST /loops/sync pushes the project's contacts with project and health properties. */
export const loopsRouter = router({
  sync: projectWriteProcedure
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
    .mutation(async ({ ctx, input }) => {
      const result = await syncLoopsContacts(ctx.deps.db, ctx.project, syncDepsOf(ctx), {
        ...(input?.dryRun !== undefined ? { dryRun: input.dryRun } : {}),
        ...(input?.limit !== undefined ? { limit: input.limit } : {}),
      });
      await auditAs(ctx, {
        projectId: ctx.project.projectId,
        action: 'loops.sync',
        entityType: 'loops',
        payload: { pushed: result.pushed, failed: result.failed },
      });
      return result;
    }),
});
