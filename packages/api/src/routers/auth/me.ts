import { z } from 'zod';
import { describeCaller } from '@keel/app/services/auth';
import { authedProcedure } from '../../trpc.ts';
import { userOut, workspaceOut } from './schemas.ts';

const meOut = z.object({
  user: userOut,
  accountScopeId: z.string(),
  workspace: workspaceOut,
  workspaceRole: z.enum(['owner', 'pm', 'exec', 'viewer']),
  via: z.enum(['session', 'api_key']),
  activeProjectId: z.string().nullable(),
  projectRole: z.enum(['owner', 'pm', 'exec', 'viewer']).nullable(),
  capabilities: z.object({
    writeProject: z.boolean(),
    createProject: z.boolean(),
    manageWorkspace: z.boolean(),
    readWorkspace: z.boolean(),
  }),
  csrfToken: z.string().nullable(),
});

export const meProcedure = authedProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/auth/me',
      summary: 'The signed-in user, workspace and active project',
      tags: ['Auth'],
    },
  })
  .output(meOut)
  .query(({ ctx }) =>
    describeCaller(ctx.deps, {
      auth: ctx.auth,
      activeProjectId: ctx.scope.projectId,
      projectRole: ctx.projectRole,
    }),
  );
