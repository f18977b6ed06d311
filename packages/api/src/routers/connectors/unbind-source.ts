import { z } from 'zod';
import { unbindSource } from '@keel/app/services/connector-sources';
import { SOURCE_KINDS } from '@keel/db/schema/connectors';
import { projectWorkspaceAdminProcedure } from '../../trpc.ts';
import { tags } from './schemas.ts';

export const unbindSourceProcedure = projectWorkspaceAdminProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/connectors/sources/unbind',
      summary: 'Unbind a source from the active project',
      tags,
    },
  })
  .input(z.object({ sourceKind: z.enum(SOURCE_KINDS), externalId: z.string().trim().min(1).max(200) }))
  .output(z.object({ removed: z.boolean() }))
  .mutation(({ ctx, input }) => unbindSource(ctx, ctx.project, input));
