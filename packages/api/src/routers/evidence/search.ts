import { searchEvidence } from '@keel/app/services/evidence';
import { z } from 'zod';
import { projectProcedure } from '../../trpc.ts';

const tags = ['Evidence'];
const target = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('conversation'),
      conversationId: z.number(),
      messageId: z.number().nullable(),
    }),
    z.object({ kind: z.literal('vendor'), identifier: z.string(), url: z.string().nullable() }),
  ])
  .nullable();

export const evidenceItemOut = z.object({
  id: z.string(),
  sourceTable: z.string(),
  sourceRef: z.string(),
  kind: z.string(),
  snippet: z.string(),
  occurredAt: z.string().nullable(),
  /** Where the cited row itself opens (a message in Keel's conversation screen, an issue by its id). */
  target,
  citedBy: z.array(
    z.object({
      table: z.string(),
      id: z.string(),
      what: z.string(),
      title: z.string().nullable(),
      /** The web app's page for the citing row. */
      href: z.string(),
    }),
  ),
});

export const searchProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/evidence/search',
      summary:
        'Search the evidence that signals, scores and recommendations cite: words in snippets (q) and/or everything citing one row (source_table, source_ref)',
      tags,
    },
  })
  .input(
    z.object({
      q: z.string().trim().max(200).optional(),
      source_table: z
        .string()
        .regex(/^[a-z_]{1,60}$/, 'source_table is a table name such as kag_events or linear_issues_raw')
        .optional(),
      source_ref: z.string().trim().min(1).max(200).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(25),
      cursor: z.string().max(300).optional(),
    }),
  )
  .output(z.object({ items: z.array(evidenceItemOut), nextCursor: z.string().nullable() }))
  .query(({ ctx, input }) =>
    searchEvidence(ctx.deps, ctx.project, {
      q: input.q,
      sourceTable: input.source_table,
      sourceRef: input.source_ref,
      limit: input.limit,
      cursor: input.cursor,
    }),
  );
