import { z } from 'zod';
import { listSignalEvidence } from '@keel/app/services/kag-evidence';
import { projectProcedure } from '../../trpc.ts';
import { tags } from './schemas.ts';

export const evidenceTarget = z.discriminatedUnion('kind', [
  /** Opens in Keel: /conversations/:conversationId?m=:messageId. */
  z.object({ kind: z.literal('conversation'), conversationId: z.number(), messageId: z.number().nullable() }),
  /** Lives in Linear or the CRM: its identifier, and its page there when the vendor gave one. */
  z.object({ kind: z.literal('vendor'), identifier: z.string(), url: z.string().nullable() }),
]);

export const signalEvidenceProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/kag/signals/:id/evidence',
      summary: 'The evidence of a current signal, each piece with where it lives',
      tags,
    },
  })
  .input(z.object({ id: z.uuid({ message: 'id must be a signal id (uuid)' }) }))
  .output(
    z.object({
      signalId: z.string(),
      key: z.string(),
      title: z.string(),
      /** All evidence refs of the signal; `items` holds the first 100. */
      total: z.number(),
      items: z.array(
        z.object({
          table: z.string(),
          id: z.string(),
          label: z.string().nullable(),
          occurredAt: z.string().nullable(),
          weight: z.number().nullable(),
          /** Null when the row is gone or has no place to open (e.g. a CRM activity). */
          target: evidenceTarget.nullable(),
        }),
      ),
    }),
  )
  .query(({ ctx, input }) => listSignalEvidence(ctx.deps, ctx.project, input.id));
