import { z } from 'zod';
import { listNotifications } from '@keel/app/services/reminders';
import { projectProcedure } from '../../trpc.ts';
import { iso, isoDates } from '../outbound/schemas.ts';

export const notificationsProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/notifications',
      summary: 'The caller’s due reminders and finished actions in the active project',
      tags: ['Recommendations'],
    },
  })
  .input(z.object({ limit: z.coerce.number().int().min(1).max(50).default(20) }))
  .output(
    z.object({
      items: z.array(
        z.object({
          id: z.string(),
          kind: z.enum(['reminder', 'action']),
          title: z.string(),
          status: z.string(),
          at: iso,
          url: z.string().nullable(),
          error: z.string().nullable(),
        }),
      ),
    }),
  )
  .query(async ({ ctx, input }) => ({
    items: isoDates(await listNotifications(ctx.deps, ctx.project, ctx.auth.userId, input.limit)),
  }));
