import { z } from 'zod';
import { rebuildProjectSignatures } from '@keel/app/services/forecasts';
import { projectWriteProcedure } from '../../trpc.ts';
import { forecastTags, signatureRebuild } from './forecast-schemas.ts';

export const similarityRebuildProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/kag/similarity/rebuild',
      summary: 'Rewrite every case signature of the active project with the current signature version',
      tags: forecastTags,
    },
  })
  .input(z.object({}).default({}))
  .output(signatureRebuild)
  .mutation(({ ctx }) => rebuildProjectSignatures(ctx, ctx.project));
