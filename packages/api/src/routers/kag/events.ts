import { z } from 'zod';
import { listProjectEventsPage } from '@keel/app/services/kag';
import { KAG_EVENT_KINDS, KAG_EVENT_SOURCES } from '@keel/db/schema/kag-core';
import { projectProcedure } from '../../trpc.ts';
import { iso, limit, tags } from './schemas.ts';

export const eventsProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/kag/events',
      summary: 'Typed intelligence events of the project, newest first',
      tags,
    },
  })
  .input(
    z.object({
      kind: z.enum(KAG_EVENT_KINDS).optional(),
      source: z.enum(KAG_EVENT_SOURCES).optional(),
      limit,
      cursor: z.string().max(300).optional(),
    }),
  )
  .output(
    z.object({
      items: z.array(
        z.object({
          id: z.string(),
          kind: z.enum(KAG_EVENT_KINDS),
          source: z.enum(KAG_EVENT_SOURCES),
          sourceRef: z.string(),
          occurredAt: iso,
          actor: z.string().nullable(),
          actorRef: z.string().nullable(),
          /** Kind-specific details (message text, issue identifier, deal stage …). */
          payload: z.record(z.string(), z.unknown()),
        }),
      ),
      nextCursor: z.string().nullable(),
    }),
  )
  .query(({ ctx, input }) => listProjectEventsPage(ctx.deps, ctx.project, input));
