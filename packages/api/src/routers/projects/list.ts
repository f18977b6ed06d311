import { z } from 'zod';
import { listProjectsFor } from '@keel/app/services/projects';
import { authedProcedure } from '../../trpc.ts';
import { projectOut } from './schemas.ts';

export const listProcedure = authedProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/projects',
      summary: 'Projects you can see, with your role on each',
      tags: ['Projects'],
    },
  })
  .output(z.object({ projects: z.array(projectOut), activeProjectId: z.string().nullable() }))
  .query(({ ctx }) => listProjectsFor(ctx.deps.db, { auth: ctx.auth, activeProjectId: ctx.scope.projectId }));
