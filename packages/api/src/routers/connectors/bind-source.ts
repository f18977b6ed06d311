import { z } from 'zod';
import { bindSource } from '@keel/app/services/connector-sources';
import { SOURCE_KINDS } from '@keel/db/schema/connectors';
import { projectWorkspaceAdminProcedure } from '../../trpc.ts';
import { tags } from './schemas.ts';

export const bindSourceProcedure = projectWorkspaceAdminProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/connectors/sources',
      summary: 'Bind an inbox, team, project, company or deal to the active project',
      tags,
    },
  })
  .input(
    z.object({
      sourceKind: z.enum(SOURCE_KINDS),
      externalId: z.string().trim().min(1).max(200),
      meta: z.record(z.string(), z.unknown()).optional(),
    }),
  )
  .output(z.object({ sourceKind: z.enum(SOURCE_KINDS), externalId: z.string(), projectId: z.string() }))
  .mutation(({ ctx, input }) => bindSource(ctx, ctx.project, input));
