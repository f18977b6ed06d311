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
  actor: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  projectName: z.string().nullable(),
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
          actionPrefix: z.string().min(1).max(100).optional(),
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
      const projectOnly = input.scope === 'project' || !wide;
      if (projectOnly && !ctx.scope.projectId) return { events: [], nextCursor: null };
      const projectId = projectOnly ? (ctx.scope.projectId ?? undefined) : undefined;
      const rows = await listAuditEvents(ctx.deps.db, {
        accountScopeId: ctx.auth.accountScopeId,
        projectId,
        action: input.action,
        actionPrefix: input.actionPrefix,
        from: input.from ? new Date(input.from) : undefined,
        to: input.to ? new Date(input.to) : undefined,
        before: input.before ? new Date(input.before) : undefined,
        limit: input.limit,
      });
      const events = rows.map(({ actorName, actorEmail, ...r }) => ({
        ...r,
        createdAt: r.createdAt.toISOString(),
        actor:
          r.actorUserId && actorName !== null && actorEmail !== null
            ? { id: r.actorUserId, name: actorName, email: actorEmail }
            : null,
      }));
      const last = events.at(-1);
      return { events, nextCursor: events.length === input.limit && last ? last.createdAt : null };
    }),
});
