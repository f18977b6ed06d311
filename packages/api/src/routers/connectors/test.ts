import { z } from 'zod';
import { testConnectorCredential } from '@keel/app/services/connector-credentials';
import { projectWorkspaceAdminProcedure } from '../../trpc.ts';
import { anyConnector, tags } from './schemas.ts';

export const testProcedure = projectWorkspaceAdminProcedure
  .meta({
    rest: { method: 'POST', path: '/connectors/:name/test', summary: 'Check the stored credentials', tags },
  })
  .input(z.object({ name: anyConnector }))
  .output(
    z.object({
      connector: anyConnector,
      ok: z.boolean(),
      account: z.string().nullable(),
      error: z.string().nullable(),
    }),
  )
  .mutation(({ ctx, input }) => testConnectorCredential(ctx, ctx.project, input.name));
