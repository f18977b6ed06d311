import { z } from 'zod';

export const role = z.enum(['owner', 'pm', 'exec', 'viewer']);

export const projectOut = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  clientName: z.string().nullable(),
  status: z.enum(['active', 'paused', 'completed', 'archived']),
  contractValueMinor: z.number().nullable(),
  currency: z.string(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  createdAt: z.string(),
  role,
});
