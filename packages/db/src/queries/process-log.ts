import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { kagEventLog } from '../schema/jobs.ts';

/**
 * The seed's kag-process-log: one `started` row per run, finished/failed in place, warnings as
 * extra rows sharing the run id. Connectors, the pipeline and jobs all log through it.
 */
export type ProcessScope = { accountScopeId: string; projectId: string | null };
export type ProcessRun = { runId: string; process: string; startedAt: Date; scope: ProcessScope };

export async function startProcessRun(
  db: Database,
  scope: ProcessScope,
  process: string,
  options: { now?: Date; meta?: Record<string, unknown> } = {},
): Promise<ProcessRun> {
  const startedAt = options.now ?? new Date();
  const rows = await db
    .insert(kagEventLog)
    .values({
      accountScopeId: scope.accountScopeId,
      projectId: scope.projectId,
      process,
      status: 'started',
      startedAt,
      meta: options.meta ?? {},
    })
    .returning({ id: kagEventLog.id });
  const id = rows[0]?.id;
  if (!id) throw new Error('kag_event_log insert returned no row');
  await db.update(kagEventLog).set({ runId: id }).where(eq(kagEventLog.id, id));
  return { runId: id, process, startedAt, scope };
}

export async function finishProcessRun(
  db: Database,
  run: ProcessRun,
  result: {
    counts?: Record<string, number>;
    timings?: Record<string, number>;
    message?: string;
    meta?: Record<string, unknown>;
    now?: Date;
  } = {},
): Promise<void> {
  const finishedAt = result.now ?? new Date();
  await db
    .update(kagEventLog)
    .set({
      status: 'finished',
      finishedAt,
      durationMs: Math.max(0, finishedAt.getTime() - run.startedAt.getTime()),
      counts: result.counts ?? {},
      timings: result.timings ?? {},
      message: result.message ?? null,
      ...(result.meta ? { meta: result.meta } : {}),
    })
    .where(eq(kagEventLog.id, run.runId));
}

export async function failProcessRun(
  db: Database,
  run: ProcessRun,
  error: string,
  result: { counts?: Record<string, number>; now?: Date } = {},
): Promise<void> {
  const finishedAt = result.now ?? new Date();
  await db
    .update(kagEventLog)
    .set({
      status: 'failed',
      finishedAt,
      durationMs: Math.max(0, finishedAt.getTime() - run.startedAt.getTime()),
      counts: result.counts ?? {},
      error: error.slice(0, 2000),
    })
    .where(eq(kagEventLog.id, run.runId));
}

export async function warnProcess(
  db: Database,
  run: ProcessRun,
  message: string,
  meta: Record<string, unknown> = {},
  now: Date = new Date(),
): Promise<void> {
  await db.insert(kagEventLog).values({
    accountScopeId: run.scope.accountScopeId,
    projectId: run.scope.projectId,
    process: run.process,
    status: 'warning',
    runId: run.runId,
    message: message.slice(0, 2000),
    meta,
    startedAt: now,
    finishedAt: now,
  });
}

export async function listProcessRuns(
  db: Database,
  scope: { accountScopeId: string; projectId: string },
  process: string,
  limit: number,
) {
  return db
    .select()
    .from(kagEventLog)
    .where(
      and(
        eq(kagEventLog.accountScopeId, scope.accountScopeId),
        eq(kagEventLog.projectId, scope.projectId),
        eq(kagEventLog.process, process),
      ),
    )
    .orderBy(desc(kagEventLog.createdAt))
    .limit(limit);
}

/** The newest finished run of a process, with its meta (reconciliation keeps its report there). */
export async function latestProcessRun(
  db: Database,
  scope: { accountScopeId: string; projectId: string },
  process: string,
) {
  const rows = await db
    .select()
    .from(kagEventLog)
    .where(
      and(
        eq(kagEventLog.accountScopeId, scope.accountScopeId),
        eq(kagEventLog.projectId, scope.projectId),
        eq(kagEventLog.process, process),
        eq(kagEventLog.status, 'finished'),
      ),
    )
    .orderBy(desc(kagEventLog.finishedAt))
    .limit(1);
  return rows[0];
}
