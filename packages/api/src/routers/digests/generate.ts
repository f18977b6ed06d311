import { generateDailyDigest, generateWeeklyDigest } from '@keel/app/services/digests';
import { z } from 'zod';
import { authedProcedure } from '../../trpc.ts';
import { generateOutput, tags } from './schemas.ts';

/**
 * Generate now: a workspace owner for every project, a pm for the projects they manage (the
 * service refuses executives and viewers with 403). Readers of those projects get their
 * digest recomposed; e-mail goes out when SMTP is configured.
 */
export const generateDailyProcedure = authedProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/digests/daily/generate',
      summary: "Generate today's digests (owner: every project; pm: the projects you manage)",
      tags,
    },
  })
  .input(z.object({}).default({}))
  .output(generateOutput)
  .mutation(({ ctx }) => generateDailyDigest(ctx.deps, ctx));

export const generateWeeklyProcedure = authedProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/digests/weekly/generate',
      summary: "Generate this week's digests (owner: every project; pm: the projects you manage)",
      tags,
    },
  })
  .input(z.object({}).default({}))
  .output(generateOutput)
  .mutation(({ ctx }) => generateWeeklyDigest(ctx.deps, ctx));
