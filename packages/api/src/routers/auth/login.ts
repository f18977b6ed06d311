import { z } from 'zod';
import { signIn } from '@keel/app/services/auth';
import { SESSION_COOKIE } from '../../context.ts';
import { publicProcedure } from '../../trpc.ts';
import { userOut } from './schemas.ts';

export const loginProcedure = publicProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/auth/login',
      summary: 'Sign in with e-mail and password',
      tags: ['Auth'],
    },
  })
  .input(z.object({ email: z.string().trim().email().max(320), password: z.string().min(1).max(1024) }))
  .output(
    z.object({ user: userOut, accountScopeId: z.string(), csrfToken: z.string(), expiresAt: z.string() }),
  )
  .mutation(async ({ ctx, input }) => {
    const { cookie, body } = await signIn(
      ctx.deps,
      {
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        requestId: ctx.requestId,
        previousSessionIdHash: ctx.auth?.sessionIdHash ?? null,
      },
      input,
    );
    ctx.cookies.set(SESSION_COOKIE, cookie.token, { maxAgeSeconds: cookie.maxAgeSeconds, httpOnly: true });
    return body;
  });
