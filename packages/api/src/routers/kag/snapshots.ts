import { z } from 'zod';
import { listProjectSnapshotsPage } from '@keel/app/services/snapshots';
import { projectProcedure } from '../../trpc.ts';
import { day, iso, limit, tags } from './schemas.ts';

const scoreComponent = z.object({
  category: z.string(),
  weight: z.number(),
  value: z.number(),
  contribution: z.number(),
});
const scoreContributor = z.object({
  signalKey: z.string(),
  subjectKey: z.string(),
  severity: z.number(),
  share: z.number(),
});

export const snapshotsProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/kag/snapshots',
      summary: 'Daily snapshots of the project (scores, signal set, key metrics), newest first',
      tags,
    },
  })
  .input(
    z.object({
      from: day.optional(),
      to: day.optional(),
      limit,
      cursor: z.string().max(300).optional(),
    }),
  )
  .output(
    z.object({
      items: z.array(
        z.object({
          id: z.string(),
          snapshotDate: day,
          health: z.number().nullable(),
          risk: z.number().nullable(),
          scores: z.object({
            health: z.number(),
            risk: z.number(),
            components: z.array(scoreComponent),
            topContributors: z.array(scoreContributor),
          }),
          /** Per signal key: the highest severity among its subjects and how many subjects. */
          signals: z.record(z.string(), z.object({ severity: z.number(), count: z.number() })),
          metrics: z.record(z.string(), z.number().nullable()),
          configVersion: z.string(),
          asOf: iso,
        }),
      ),
      nextCursor: z.string().nullable(),
    }),
  )
  .query(({ ctx, input }) => listProjectSnapshotsPage(ctx.deps, ctx.project, input));
