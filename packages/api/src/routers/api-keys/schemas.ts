import { z } from 'zod';

export const tags = ['API keys'];

export const keyOut = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  userEmail: z.string(),
  projectIds: z.array(z.string()).nullable(),
  readOnly: z.boolean(),
  status: z.enum(['active', 'revoked', 'expired']),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
