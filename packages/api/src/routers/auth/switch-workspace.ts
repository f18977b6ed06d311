import { z } from 'zod';
import { switchWorkspace } from '@keel/app/services/workspaces';
import { authedProcedure } from '../../trpc.ts';
import { roleOut, workspaceOut } from './schemas.ts';

export const switchWorkspaceProcedure = authedProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/auth/workspace',
      summary: 'Switch the session to another of your workspaces (clears the active project)',
      tags: ['Auth'],
    },
  })
  .input(z.object({ accountScopeId: z.uuid({ message: 'accountScopeId must be a workspace id (uuid)' }) }))
  .output(z.object({ workspace: workspaceOut, role: roleOut }))
  .mutation(({ ctx, input }) => switchWorkspace(ctx.deps.db, ctx.auth, input.accountScopeId, ctx.requestId));
