import { z } from 'zod';

export const userOut = z.object({ id: z.string(), email: z.string(), name: z.string() });
export const roleOut = z.enum(['owner', 'pm', 'exec', 'viewer']);
export const workspaceOut = z.object({ id: z.string(), slug: z.string(), name: z.string() });
