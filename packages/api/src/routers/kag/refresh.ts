import { z } from 'zod';
import { refreshProjectIntelligence } from '@keel/app/services/kag';
import { projectWriteProcedure } from '../../trpc.ts';
import { graphCounts, iso, pipelineSteps, snapshotBuild, tags } from './schemas.ts';

export const refreshProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/kag/refresh',
      summary:
        'Run the whole intelligence pipeline for the active project now: ingest → signals → scores → graph → snapshots → case signatures → forecasts',
      tags,
    },
  })
  .input(z.object({}).default({}))
  .output(
    z.object({
      configVersion: z.string(),
      asOf: iso,
      events: z.object({ read: z.number(), inserted: z.number() }),
      signals: z.object({
        active: z.number(),
        appeared: z.number(),
        changed: z.number(),
        resolved: z.number(),
      }),
      health: z.number(),
      risk: z.number(),
      recommendations: z.object({ open: z.number(), created: z.number(), closed: z.number() }),
      graph: graphCounts,
      snapshots: snapshotBuild,
      steps: pipelineSteps,
    }),
  )
  .mutation(({ ctx }) => refreshProjectIntelligence(ctx, ctx.project));
