import { z } from 'zod';
import { listApiKeys } from '@keel/app/services/api-keys';
import { workspaceAdminProcedure } from '../../trpc.ts';
import { keyOut, tags } from './schemas.ts';

export const listProcedure = workspaceAdminProcedure
  .meta({ rest: { method: 'GET', path: '/api-keys', summary: "The workspace's API keys", tags } })
  .output(z.object({ keys: z.array(keyOut) }))
  .query(({ ctx }) => listApiKeys(ctx));
