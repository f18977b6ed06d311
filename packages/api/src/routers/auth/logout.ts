import { z } from 'zod';
import { signOut } from '@keel/app/services/auth';
import { SESSION_COOKIE } from '../../context.ts';
import { authedProcedure } from '../../trpc.ts';

export const logoutProcedure = authedProcedure
  .meta({ rest: { method: 'POST', path: '/auth/logout', summary: 'End the session', tags: ['Auth'] } })
  .output(z.object({ loggedOut: z.boolean() }))
  .mutation(async ({ ctx }) => {
    const result = await signOut(ctx);
    ctx.cookies.clear(SESSION_COOKIE);
    return result;
  });
