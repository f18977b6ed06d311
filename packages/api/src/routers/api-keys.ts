import { z } from 'zod';
import { auditAs } from '@keel/app/audit';
import { createApiKey, listWorkspaceApiKeys, revokeApiKey } from '@keel/app/auth/api-keys';
import { ApiError } from '@keel/core/errors';
import { findProjectAccess } from '@keel/db/queries/projects';
import { router, workspaceAdminProcedure } from '../trpc.ts';

const tags = ['API keys'];

const keyOut = z.object({
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

/** The workspace's API keys: list, create (scoped, read-only, expiring) and revoke — owners only. */
export const apiKeysRouter = router({
  list: workspaceAdminProcedure
    .meta({ rest: { method: 'GET', path: '/api-keys', summary: "The workspace's API keys", tags } })
    .output(z.object({ keys: z.array(keyOut) }))
    .query(async ({ ctx }) => ({
      keys: await listWorkspaceApiKeys(ctx.deps.db, ctx.auth.accountScopeId, ctx.deps.clock.now()),
    })),

  create: workspaceAdminProcedure
    .meta({
      rest: {
        method: 'POST',
        path: '/api-keys',
        summary: 'Create an API key acting as you (shown once)',
        tags,
        successStatus: 201,
      },
    })
    .input(
      z.object({
        name: z.string().trim().min(1).max(100),
        projectIds: z.array(z.uuid()).max(100).optional(),
        readOnly: z.boolean().optional(),
        expiresInDays: z.number().int().min(1).max(3650).optional(),
      }),
    )
    .output(
      z.object({ id: z.string(), key: z.string(), prefix: z.string(), expiresAt: z.string().nullable() }),
    )
    .mutation(async ({ ctx, input }) => {
      const { db, clock } = ctx.deps;
      for (const projectId of input.projectIds ?? []) {
        const role = await findProjectAccess(
          db,
          ctx.auth.accountScopeId,
          projectId,
          ctx.auth.userId,
          ctx.auth.workspaceRole,
        );
        if (!role) throw new ApiError('not_found', `No project ${projectId} in this workspace.`);
      }
      const expiresAt = input.expiresInDays
        ? new Date(clock.now().getTime() + input.expiresInDays * 86_400_000)
        : null;
      const created = await createApiKey(db, {
        accountScopeId: ctx.auth.accountScopeId,
        userId: ctx.auth.userId,
        name: input.name,
        projectIds: input.projectIds ?? null,
        readOnly: input.readOnly ?? false,
        expiresAt,
      });
      await auditAs(ctx, {
        action: 'api_keys.create',
        entityType: 'api_key',
        entityId: created.id,
        payload: {
          name: input.name,
          prefix: created.prefix,
          projectIds: input.projectIds ?? null,
          readOnly: input.readOnly ?? false,
        },
      });
      return { ...created, expiresAt: expiresAt?.toISOString() ?? null };
    }),

  revoke: workspaceAdminProcedure
    .meta({
      rest: { method: 'POST', path: '/api-keys/:id/revoke', summary: 'Revoke an API key at once', tags },
    })
    .input(z.object({ id: z.string().max(100) }))
    .output(z.object({ id: z.string(), revokedAt: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const revoked = await revokeApiKey(
        ctx.deps.db,
        ctx.auth.accountScopeId,
        input.id,
        ctx.deps.clock.now(),
      );
      await auditAs(ctx, {
        action: 'api_keys.revoke',
        entityType: 'api_key',
        entityId: revoked.id,
        payload: { name: revoked.name, prefix: revoked.prefix },
      });
      return { id: revoked.id, revokedAt: (revoked.revokedAt ?? ctx.deps.clock.now()).toISOString() };
    }),
});
