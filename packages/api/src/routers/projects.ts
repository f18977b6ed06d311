import { z } from 'zod';
import { createProject, listProjectsFor, selectProject } from '@keel/app/services/projects';
import { authedProcedure, router } from '../trpc.ts';

const role = z.enum(['owner', 'pm', 'exec', 'viewer']);

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

type ProjectRow = Awaited<ReturnType<typeof listProjectsFor>>[number];

function toProjectOut(p: ProjectRow) {
  return {
    id: p.id,
    name: p.name,
    slug: p.slug,
    clientName: p.clientName,
    status: p.status,
    contractValueMinor: p.contractValueMinor,
    currency: p.currency,
    startsAt: p.startsAt?.toISOString() ?? null,
    endsAt: p.endsAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    role: p.role,
  };
}

export const projectsRouter = router({
  list: authedProcedure
    .meta({
      rest: {
        method: 'GET',
        path: '/projects',
        summary: 'Projects you can see, with your role on each',
        tags: ['Projects'],
      },
    })
    .output(z.object({ projects: z.array(projectOut), activeProjectId: z.string().nullable() }))
    .query(async ({ ctx }) => {
      const rows = await listProjectsFor(ctx.deps.db, ctx.auth);
      return { projects: rows.map(toProjectOut), activeProjectId: ctx.scope.projectId };
    }),

  create: authedProcedure
    .meta({
      rest: {
        method: 'POST',
        path: '/projects',
        summary: 'Create a project',
        tags: ['Projects'],
        successStatus: 201,
      },
    })
    .input(
      z.object({
        name: z.string().trim().min(1).max(200),
        clientName: z.string().trim().min(1).max(200).optional(),
        contractValueMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
        currency: z
          .string()
          .regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code such as USD')
          .optional(),
        startsAt: z.iso.datetime({ offset: true }).optional(),
        endsAt: z.iso.datetime({ offset: true }).optional(),
      }),
    )
    .output(projectOut)
    .mutation(async ({ ctx, input }) =>
      toProjectOut(await createProject(ctx.deps.db, ctx.auth, input, ctx.requestId)),
    ),

  select: authedProcedure
    .meta({
      rest: {
        method: 'POST',
        path: '/projects/:id/select',
        summary: 'Make a project the active one',
        tags: ['Projects'],
      },
    })
    .input(z.object({ id: z.uuid({ message: 'id must be a project id (uuid)' }) }))
    .output(z.object({ activeProjectId: z.string(), role, persisted: z.boolean() }))
    .mutation(({ ctx, input }) => selectProject(ctx.deps.db, ctx.auth, input.id, ctx.requestId)),
});
