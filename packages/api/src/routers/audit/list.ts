import { z } from 'zod';
import { listAuditLog } from '@keel/app/services/audit-log';
import { authedProcedure } from '../../trpc.ts';

const auditEventOut = z.object({
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

export const listProcedure = authedProcedure
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
  .query(({ ctx, input }) =>
    listAuditLog(ctx.deps, { auth: ctx.auth, activeProjectId: ctx.scope.projectId }, input),
  );
