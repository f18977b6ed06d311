import { runEmbeddings } from '@keel/rag/embeddings';
import type { JobContext, JobResult } from '../types.ts';

/** embeddings_run: embeds new and changed chunks; a provider outage fails the job (backoff). */
export async function run(ctx: JobContext<{ maxChunks?: number | undefined }>): Promise<JobResult> {
  const { logger, bus, env, clock } = ctx.deps;
  const r = await runEmbeddings(ctx.db, ctx.scope, {
    logger,
    bus,
    env,
    clock,
    signal: ctx.signal,
    ...(ctx.payload.maxChunks ? { maxChunks: ctx.payload.maxChunks } : {}),
  });
  const summary = {
    mode: r.mode,
    model: r.model,
    embedded: r.embedded,
    failed: r.failed,
    remaining: r.remaining,
  };
  if (r.skipped) return { status: 'skipped', reason: r.skipped, summary };
  if (r.embedded === 0 && r.failed === 0)
    return { status: 'skipped', reason: 'no new or changed chunks', summary };
  return { status: 'succeeded', summary };
}
