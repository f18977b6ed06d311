import { z } from 'zod';
import { listProjectSignals } from '@keel/app/services/kag';
import { SIGNAL_CATEGORIES } from '@keel/db/schema/kag-core';
import { projectProcedure } from '../../trpc.ts';
import { evidence, iso, limit, tags } from './schemas.ts';

export const signalsProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/kag/signals',
      summary: 'Current signals of the project, strongest first',
      tags,
    },
  })
  .input(
    z.object({
      category: z.enum(SIGNAL_CATEGORIES).optional(),
      minSeverity: z.coerce.number().min(0).max(1).optional(),
      limit,
    }),
  )
  .output(
    z.object({
      items: z.array(
        z.object({
          id: z.string(),
          key: z.string(),
          category: z.enum(SIGNAL_CATEGORIES),
          subjectKey: z.string(),
          severity: z.number(),
          value: z.number().nullable(),
          title: z.string(),
          sentence: z.string(),
          evidence,
          firstDetectedAt: iso,
          configVersion: z.string(),
          asOf: iso,
        }),
      ),
    }),
  )
  .query(({ ctx, input }) => listProjectSignals(ctx.deps, ctx.project, input));
