import { z } from 'zod';
import { listBoundSources } from '@keel/app/services/connector-sources';
import { SOURCE_KINDS } from '@keel/db/schema/connectors';
import { projectProcedure } from '../../trpc.ts';
import { tags } from './schemas.ts';

export const sourcesProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/connectors/sources',
      summary: 'Sources bound to the active project',
      tags,
    },
  })
  .output(
    z.object({
      sources: z.array(
        z.object({
          sourceKind: z.enum(SOURCE_KINDS),
          externalId: z.string(),
          /** What the binder attached (names, labels): free-form by design. */
          meta: z.record(z.string(), z.unknown()),
        }),
      ),
    }),
  )
  .query(({ ctx }) => listBoundSources(ctx.deps, ctx.project));
