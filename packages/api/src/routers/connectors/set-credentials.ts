import { z } from 'zod';
import { setConnectorCredential } from '@keel/app/services/connector-credentials';
import { projectWorkspaceAdminProcedure } from '../../trpc.ts';
import { anyConnector, tags } from './schemas.ts';

export const setCredentialsProcedure = projectWorkspaceAdminProcedure
  .meta({
    rest: {
      method: 'PUT',
      path: '/connectors/:name/credentials',
      summary: 'Store a connector token (encrypted)',
      tags,
    },
  })
  .input(
    z.object({
      name: anyConnector,
      token: z.string().trim().min(8).max(4096),
      baseUrl: z
        .url({ protocol: /^https?$/ })
        .max(500)
        .optional(),
      accountId: z
        .string()
        .regex(/^\d{1,12}$/, 'accountId is the Chatwoot account number')
        .optional(),
    }),
  )
  .output(
    z.object({
      connector: anyConnector,
      configured: z.literal(true),
      config: z.object({ baseUrl: z.string(), accountId: z.string().optional() }),
    }),
  )
  .mutation(({ ctx, input }) => {
    const { name, ...credential } = input;
    return setConnectorCredential(ctx, ctx.project, name, credential);
  });
