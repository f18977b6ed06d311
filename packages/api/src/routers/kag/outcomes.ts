import { z } from 'zod';
import { listPastCaseOutcomesPage } from '@keel/app/services/snapshots';
import { projectProcedure } from '../../trpc.ts';
import { day, iso, limit, tags } from './schemas.ts';

export const outcomesProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/kag/outcomes',
      summary:
        'Past-case outcomes of the project: for each snapshot and horizon whose window has closed, whether a risk event followed',
      tags,
    },
  })
  .input(
    z.object({
      horizon: z.coerce
        .number()
        .int()
        .refine((h) => h === 7 || h === 14 || h === 30, 'horizon is 7, 14 or 30 days')
        .optional(),
      limit,
      cursor: z.string().max(300).optional(),
    }),
  )
  .output(
    z.object({
      items: z.array(
        z.object({
          id: z.string(),
          snapshotId: z.string(),
          windowStart: day,
          windowEnd: day,
          horizonDays: z.number(),
          riskEvent: z.boolean(),
          /** health_below_50, escalation, deal_lost or went_silent (docs/intelligence.md). */
          eventKind: z.string().nullable(),
          eventAt: iso.nullable(),
          labeledAt: iso,
        }),
      ),
      nextCursor: z.string().nullable(),
    }),
  )
  .query(({ ctx, input }) =>
    listPastCaseOutcomesPage(ctx.deps, ctx.project, {
      limit: input.limit,
      cursor: input.cursor,
      horizonDays: input.horizon,
    }),
  );
