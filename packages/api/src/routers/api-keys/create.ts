import { z } from 'zod';
import { createWorkspaceApiKey } from '@keel/app/services/api-keys';
import { workspaceAdminProcedure } from '../../trpc.ts';
import { tags } from './schemas.ts';

export const createProcedure = workspaceAdminProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/api-keys',
      summary: 'Create an API key acting as you (shown once)',
      tags,
      successStatus: 201,
    },
  })
  .input(
    z.object({
      name: z.string().trim().min(1).max(100),
      projectIds: z.array(z.uuid()).max(100).optional(),
      readOnly: z.boolean().optional(),
      expiresInDays: z.number().int().min(1).max(3650).optional(),
    }),
  )
  .output(z.object({ id: z.string(), key: z.string(), prefix: z.string(), expiresAt: z.string().nullable() }))
  .mutation(({ ctx, input }) => createWorkspaceApiKey(ctx, input));
