import { z } from 'zod';
import { listProjectSignalHistory } from '@keel/app/services/kag-history';
import { SIGNAL_CATEGORIES } from '@keel/db/schema/kag-core';
import { projectProcedure } from '../../trpc.ts';
import { iso, limit, tags } from './schemas.ts';

export const signalHistoryProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/kag/signals/history',
      summary: 'Signals of the project appearing, changing and clearing, newest first',
      tags,
    },
  })
  .input(z.object({ limit, cursor: z.string().max(300).optional() }))
  .output(
    z.object({
      items: z.array(
        z.object({
          id: z.string(),
          key: z.string(),
          category: z.enum(SIGNAL_CATEGORIES),
          subjectKey: z.string(),
          change: z.enum(['appeared', 'changed', 'resolved']),
          severity: z.number(),
          value: z.number().nullable(),
          sentence: z.string().nullable(),
          configVersion: z.string(),
          asOf: iso,
        }),
      ),
      nextCursor: z.string().nullable(),
    }),
  )
  .query(({ ctx, input }) => listProjectSignalHistory(ctx.deps, ctx.project, input));
