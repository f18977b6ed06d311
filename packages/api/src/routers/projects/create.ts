import { z } from 'zod';
import { createProject } from '@keel/app/services/projects';
import { authedProcedure } from '../../trpc.ts';
import { projectOut } from './schemas.ts';

export const createProcedure = authedProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/projects',
      summary: 'Create a project',
      tags: ['Projects'],
      successStatus: 201,
    },
  })
  .input(
    z.object({
      name: z.string().trim().min(1).max(200),
      clientName: z.string().trim().min(1).max(200).optional(),
      contractValueMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code such as USD')
        .optional(),
      startsAt: z.iso.datetime({ offset: true }).optional(),
      endsAt: z.iso.datetime({ offset: true }).optional(),
    }),
  )
  .output(projectOut)
  .mutation(({ ctx, input }) => createProject(ctx.deps.db, ctx.auth, input, ctx.requestId));
