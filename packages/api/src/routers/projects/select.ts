import { z } from 'zod';
import { selectProject } from '@keel/app/services/projects';
import { authedProcedure } from '../../trpc.ts';
import { role } from './schemas.ts';

export const selectProcedure = authedProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/projects/:id/select',
      summary: 'Make a project the active one',
      tags: ['Projects'],
    },
  })
  .input(z.object({ id: z.uuid({ message: 'id must be a project id (uuid)' }) }))
  .output(z.object({ activeProjectId: z.string(), role, persisted: z.boolean() }))
  .mutation(({ ctx, input }) => selectProject(ctx.deps.db, ctx.auth, input.id, ctx.requestId));
