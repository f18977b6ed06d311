import type { ProjectScope } from '@keel/core/scope';
import { listProjectConversationIds } from '@keel/db/queries/rag-chunks';
import { refreshConversationChunks } from '@keel/rag/chunk-store';
import { runEmbeddings } from '@keel/rag/embeddings';
import { type Actor, auditAs } from '../audit.ts';

/** An HTTP caller waits for the answer: one call embeds at most this many chunks, the job does the rest. */
const MAX_CHUNKS_PER_CALL = 5000;

/**
 * Embeds the project's new and changed chunks now (optionally re-chunking every conversation
 * first), with the provider search embeds queries with, and audits the run.
 */
export async function embedProjectNow(
  actor: Actor<'logger' | 'bus' | 'env' | 'clock' | 'embeddings'>,
  scope: ProjectScope,
  options: { rechunk: boolean },
) {
  const { db, logger, bus, env, clock, embeddings } = actor.deps;
  let chunksWritten = 0;
  if (options.rechunk) {
    const ids = await listProjectConversationIds(db, scope);
    chunksWritten = (await refreshConversationChunks(db, scope, ids)).chunksWritten;
  }
  const r = await runEmbeddings(db, scope, {
    logger,
    bus,
    env,
    clock,
    provider: embeddings,
    maxChunks: MAX_CHUNKS_PER_CALL,
  });
  await auditAs(actor, {
    projectId: scope.projectId,
    action: 'embeddings.run',
    payload: {
      rechunk: options.rechunk,
      chunksWritten,
      embedded: r.embedded,
      failed: r.failed,
      model: r.model,
    },
  });
  return { ...r, chunksWritten, skipped: r.skipped ?? null };
}
