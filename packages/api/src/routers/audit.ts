import { z } from 'zod';
import { listAuditEvents } from '@keel/db/queries/audit';
import { authedProcedure, router } from '../trpc.ts';

export const auditEventOut = z.object({
  id: z.string(),
  projectId: z.string().nullable(),
  actorUserId: z.string().nullable(),
  actorType: z.enum(['user', 'api_key', 'system']),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  status: z.enum(['ok', 'failed']),
  requestId: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});

export const auditRouter = router({
  list: authedProcedure
    .meta({
      rest: {
        method: 'GET',
        path: '/audit',
        summary: 'Audit events of the workspace (or the active project)',
        tags: ['Audit'],
      },
    })
    .input(
      z
        .object({
          scope: z.enum(['workspace', 'project']).default('workspace'),
          action: z.string().max(100).optional(),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
          before: z.iso.datetime({ offset: true }).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        })
        .default({ scope: 'workspace', limit: 50 }),
    )
    .output(z.object({ events: z.array(auditEventOut), nextCursor: z.string().nullable() }))
    .query(async ({ ctx, input }) => {
      // Workspace-wide history is for owners and executives; others see their active project's.
      const wide = ctx.auth.workspaceRole === 'owner' || ctx.auth.workspaceRole === 'exec';
      const projectId =
        input.scope === 'project' || !wide
          ? (ctx.scope.projectId ?? '00000000-0000-0000-0000-000000000000')
          : undefined;
      const rows = await listAuditEvents(ctx.deps.db, {
        accountScopeId: ctx.auth.accountScopeId,
        projectId,
        action: input.action,
        from: input.from ? new Date(input.from) : undefined,
        to: input.to ? new Date(input.to) : undefined,
        before: input.before ? new Date(input.before) : undefined,
        limit: input.limit,
      });
      const events = rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
      const last = events.at(-1);
      return { events, nextCursor: events.length === input.limit && last ? last.createdAt : null };
    }),
});
