import { z } from 'zod';
import { destroySession } from '@keel/app/auth/sessions';
import { login } from '@keel/app/auth/login';
import { SESSION_COOKIE } from '../context.ts';
import { writeAuditEvent } from '@keel/db/queries/audit';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';
import { currentWorkspace, listWorkspaces, switchWorkspace } from '@keel/app/services/workspaces';

const userOut = z.object({ id: z.string(), email: z.string(), name: z.string() });

const roleOut = z.enum(['owner', 'pm', 'exec', 'viewer']);
const workspaceOut = z.object({ id: z.string(), slug: z.string(), name: z.string() });

const meOut = z.object({
  user: userOut,
  accountScopeId: z.string(),
  workspace: workspaceOut,
  workspaceRole: z.enum(['owner', 'pm', 'exec', 'viewer']),
  via: z.enum(['session', 'api_key']),
  activeProjectId: z.string().nullable(),
  projectRole: z.enum(['owner', 'pm', 'exec', 'viewer']).nullable(),
  csrfToken: z.string().nullable(),
});

export const authRouter = router({
  login: publicProcedure
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
      const { env, clock } = ctx.deps;
      const result = await login(ctx.deps.db, {
        email: input.email,
        password: input.password,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        now: clock.now(),
        ttlDays: env.SESSION_TTL_DAYS,
        maxAttempts: env.LOGIN_MAX_ATTEMPTS,
        windowSeconds: env.LOGIN_WINDOW_SECONDS,
        requestId: ctx.requestId,
        previousSessionIdHash: ctx.auth?.sessionIdHash ?? null,
      });
      ctx.cookies.set(SESSION_COOKIE, result.session.token, {
        maxAgeSeconds: env.SESSION_TTL_DAYS * 86_400,
        httpOnly: true,
      });
      return {
        user: result.user,
        accountScopeId: result.accountScopeId,
        csrfToken: result.session.csrfToken,
        expiresAt: result.session.expiresAt.toISOString(),
      };
    }),

  me: authedProcedure
    .meta({
      rest: {
        method: 'GET',
        path: '/auth/me',
        summary: 'The signed-in user, workspace and active project',
        tags: ['Auth'],
      },
    })
    .output(meOut)
    .query(async ({ ctx }) => ({
      user: { id: ctx.auth.userId, email: ctx.auth.email, name: ctx.auth.name },
      accountScopeId: ctx.auth.accountScopeId,
      workspace: await currentWorkspace(ctx.deps.db, ctx.auth.accountScopeId),
      workspaceRole: ctx.auth.workspaceRole,
      via: ctx.auth.via,
      activeProjectId: ctx.scope.projectId,
      projectRole: ctx.projectRole,
      csrfToken: ctx.auth.csrfToken,
    })),

  logout: authedProcedure
    .meta({ rest: { method: 'POST', path: '/auth/logout', summary: 'End the session', tags: ['Auth'] } })
    .output(z.object({ loggedOut: z.boolean() }))
    .mutation(async ({ ctx }) => {
      if (ctx.auth.sessionIdHash) await destroySession(ctx.deps.db, ctx.auth.sessionIdHash);
      ctx.cookies.clear(SESSION_COOKIE);
      await writeAuditEvent(ctx.deps.db, {
        accountScopeId: ctx.auth.accountScopeId,
        actorUserId: ctx.auth.userId,
        actorType: ctx.auth.via === 'api_key' ? 'api_key' : 'user',
        action: 'auth.logout',
        requestId: ctx.requestId,
        ip: ctx.ip,
      });
      return { loggedOut: ctx.auth.sessionIdHash !== null };
    }),

  workspaces: authedProcedure
    .meta({
      rest: {
        method: 'GET',
        path: '/auth/workspaces',
        summary: 'Workspaces you belong to, with your role',
        tags: ['Auth'],
      },
    })
    .output(z.object({ workspaces: z.array(workspaceOut.extend({ role: roleOut })), currentId: z.string() }))
    .query(async ({ ctx }) => ({
      workspaces: await listWorkspaces(ctx.deps.db, ctx.auth.userId),
      currentId: ctx.auth.accountScopeId,
    })),

  switchWorkspace: authedProcedure
    .meta({
      rest: {
        method: 'POST',
        path: '/auth/workspace',
        summary: 'Switch the session to another of your workspaces (clears the active project)',
        tags: ['Auth'],
      },
    })
    .input(z.object({ accountScopeId: z.uuid({ message: 'accountScopeId must be a workspace id (uuid)' }) }))
    .output(z.object({ workspace: workspaceOut, role: roleOut }))
    .mutation(({ ctx, input }) =>
      switchWorkspace(ctx.deps.db, ctx.auth, input.accountScopeId, ctx.requestId),
    ),
});
