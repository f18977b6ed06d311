import { z } from 'zod';
import { listCallerWorkspaces } from '@keel/app/services/auth';
import { authedProcedure } from '../../trpc.ts';
import { roleOut, workspaceOut } from './schemas.ts';

export const workspacesProcedure = authedProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/auth/workspaces',
      summary: 'Workspaces you belong to, with your role',
      tags: ['Auth'],
    },
  })
  .output(z.object({ workspaces: z.array(workspaceOut.extend({ role: roleOut })), currentId: z.string() }))
  .query(({ ctx }) => listCallerWorkspaces(ctx.deps, ctx.auth));
