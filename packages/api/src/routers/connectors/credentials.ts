import { z } from 'zod';
import { listWorkspaceCredentials } from '@keel/app/services/connector-credentials';
import { projectProcedure } from '../../trpc.ts';
import { anyConnector, tags, time } from './schemas.ts';

const credentialOut = z.object({
  connector: anyConnector,
  configured: z.boolean(),
  baseUrl: z.string().nullable(),
  accountId: z.string().nullable(),
  lastVerifiedAt: time.nullable(),
  updatedAt: time,
});

export const credentialsProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/connectors/credentials',
      summary: 'Which connectors have credentials (never the secrets)',
      tags,
    },
  })
  .output(z.object({ credentials: z.array(credentialOut) }))
  .query(({ ctx }) => listWorkspaceCredentials(ctx.deps, ctx.project));
