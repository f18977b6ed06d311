import { listMyDigests } from '@keel/app/services/digests-read';
import { authedProcedure } from '../../trpc.ts';
import { listInput, listOutput, tags } from './schemas.ts';

/** Anyone who can read gets their own digests: the newest first, earlier ones by cursor or `date`. */
export const dailyProcedure = authedProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/digests/daily',
      summary: 'Your daily digests, newest first (sections, text, delivery status per channel)',
      tags,
    },
  })
  .input(listInput)
  .output(listOutput)
  .query(({ ctx, input }) => listMyDigests(ctx.deps, ctx.auth, 'daily', input));

export const weeklyProcedure = authedProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/digests/weekly',
      summary: 'Your weekly digests, newest first (sections, text, delivery status per channel)',
      tags,
    },
  })
  .input(listInput)
  .output(listOutput)
  .query(({ ctx, input }) => listMyDigests(ctx.deps, ctx.auth, 'weekly', input));
