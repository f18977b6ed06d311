import { z } from 'zod';
import { listContinuityActions } from '@keel/app/services/continuity';
import { projectProcedure } from '../../trpc.ts';
import { limit } from '../kag/schemas.ts';
import { continuityAction, tags, trigger } from './schemas.ts';

export const continuityListProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/continuity/actions',
      summary: "The active project's continuity actions, newest first, with their status and vendor id",
      tags,
    },
  })
  .input(z.object({ trigger: trigger.optional(), limit }))
  .output(z.object({ items: z.array(continuityAction) }))
  .query(({ ctx, input }) => listContinuityActions(ctx, ctx.project, input));
