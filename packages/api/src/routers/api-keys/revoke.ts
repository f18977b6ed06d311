import { z } from 'zod';
import { revokeWorkspaceApiKey } from '@keel/app/services/api-keys';
import { workspaceAdminProcedure } from '../../trpc.ts';
import { tags } from './schemas.ts';

export const revokeProcedure = workspaceAdminProcedure
  .meta({
    rest: { method: 'POST', path: '/api-keys/:id/revoke', summary: 'Revoke an API key at once', tags },
  })
  .input(z.object({ id: z.string().max(100) }))
  .output(z.object({ id: z.string(), revokedAt: z.string() }))
  .mutation(({ ctx, input }) => revokeWorkspaceApiKey(ctx, input.id));
