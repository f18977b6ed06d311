import { listNba } from '@keel/app/services/legacy-signals';
import { z } from 'zod';
import { projectProcedure } from '../../trpc.ts';
import { isoDates } from '../outbound/schemas.ts';
import { cursor, limit, nextBestAction, status, tags } from './schemas.ts';

export const nbaListProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/nba',
      summary: 'Next best actions of the project, highest priority first',
      tags,
    },
  })
  .input(z.object({ status: status.optional(), limit, cursor }))
  .output(z.object({ items: z.array(nextBestAction), nextCursor: z.string().nullable() }))
  .query(async ({ ctx, input }) => isoDates(await listNba(ctx.deps, ctx.project, input)));
