import { syncLoopsContacts } from '@keel/connectors/loops/sync';
import type { JobContext, JobResult } from '../types.ts';
import { syncDepsFor } from './sync-deps.ts';

/** loops_sync: upserts the project's people into Loops by e-mail (re-running is harmless). */
export async function run(ctx: JobContext<Record<string, unknown>>): Promise<JobResult> {
  const r = await syncLoopsContacts(ctx.db, ctx.scope, syncDepsFor(ctx));
  const summary = { contacts: r.contacts, pushed: r.pushed, failed: r.failed };
  if (r.status === 'skipped') return { status: 'skipped', reason: r.reason ?? 'Loops sync skipped', summary };
  return { status: 'succeeded', summary };
}
