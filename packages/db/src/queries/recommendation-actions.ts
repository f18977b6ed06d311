import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import {
  type RecommendationActionType,
  recommendationActionRuns,
  recommendationsV2,
} from '../schema/kag-v2.ts';

/** recommendation_action_runs, and the recommendation a run acts on (seed: recommendation-actions.js). */
type Scope = { accountScopeId: string; projectId: string };
export type ActionRunRow = typeof recommendationActionRuns.$inferSelect;
export type RecommendationRow = typeof recommendationsV2.$inferSelect;

const runInScope = (scope: Scope) =>
  and(
    eq(recommendationActionRuns.accountScopeId, scope.accountScopeId),
    eq(recommendationActionRuns.projectId, scope.projectId),
  );

export async function getRecommendationV2(
  db: Database,
  scope: Scope,
  id: string,
): Promise<RecommendationRow | undefined> {
  const rows = await db
    .select()
    .from(recommendationsV2)
    .where(
      and(
        eq(recommendationsV2.accountScopeId, scope.accountScopeId),
        eq(recommendationsV2.projectId, scope.projectId),
        eq(recommendationsV2.id, id),
      ),
    )
    .limit(1);
  return rows[0];
}

/** The run under `idempotencyKey`, created if it does not exist yet (concurrent callers share one row). */
export async function ensureActionRun(
  db: Database,
  scope: Scope,
  values: {
    recommendationId: string;
    actionType: RecommendationActionType;
    idempotencyKey: string;
    request: Record<string, unknown>;
    requestedBy: string | null;
    now: Date;
  },
): Promise<ActionRunRow> {
  const { now, ...rest } = values;
  const inserted = await db
    .insert(recommendationActionRuns)
    .values({ ...scope, ...rest, createdAt: now, updatedAt: now })
    .onConflictDoNothing({
      target: [recommendationActionRuns.idempotencyKey, recommendationActionRuns.accountScopeId],
    })
    .returning();
  if (inserted[0]) return inserted[0];
  const rows = await db
    .select()
    .from(recommendationActionRuns)
    .where(and(runInScope(scope), eq(recommendationActionRuns.idempotencyKey, values.idempotencyKey)))
    .limit(1);
  if (!rows[0]) throw new Error('action run key belongs to another project');
  return rows[0];
}

export async function getActionRun(
  db: Database,
  scope: Scope,
  id: string,
): Promise<ActionRunRow | undefined> {
  const rows = await db
    .select()
    .from(recommendationActionRuns)
    .where(and(runInScope(scope), eq(recommendationActionRuns.id, id)))
    .limit(1);
  return rows[0];
}

export async function listActionRuns(
  db: Database,
  scope: Scope,
  params: { recommendationId?: string | undefined; requestedBy?: string | undefined; limit: number },
): Promise<ActionRunRow[]> {
  return db
    .select()
    .from(recommendationActionRuns)
    .where(
      and(
        runInScope(scope),
        params.recommendationId
          ? eq(recommendationActionRuns.recommendationId, params.recommendationId)
          : undefined,
        params.requestedBy ? eq(recommendationActionRuns.requestedBy, params.requestedBy) : undefined,
      ),
    )
    .orderBy(desc(recommendationActionRuns.updatedAt))
    .limit(params.limit);
}

/**
 * Claims a run for execution: pending or failed, or running with a start older than the lease
 * (its worker died). One UPDATE, so concurrent callers of the same key run it once.
 */
export async function claimActionRun(
  db: Database,
  id: string,
  now: Date,
  leaseMs: number,
): Promise<ActionRunRow | undefined> {
  const rows = await db
    .update(recommendationActionRuns)
    .set({
      status: 'running',
      attempts: sql`${recommendationActionRuns.attempts} + 1`,
      startedAt: now,
      finishedAt: null,
      updatedAt: now,
    })
    .where(
      and(
        eq(recommendationActionRuns.id, id),
        or(
          inArray(recommendationActionRuns.status, ['pending', 'failed']),
          and(
            eq(recommendationActionRuns.status, 'running'),
            lt(recommendationActionRuns.startedAt, new Date(now.getTime() - leaseMs)),
          ),
        ),
      ),
    )
    .returning();
  return rows[0];
}

/** Ends a run this attempt still owns (same start); null when another attempt took it over. */
export async function finishActionRun(
  db: Database,
  run: Pick<ActionRunRow, 'id' | 'startedAt'>,
  set: Partial<typeof recommendationActionRuns.$inferInsert>,
): Promise<ActionRunRow | undefined> {
  const rows = await db
    .update(recommendationActionRuns)
    .set(set)
    .where(
      and(
        eq(recommendationActionRuns.id, run.id),
        eq(recommendationActionRuns.status, 'running'),
        run.startedAt ? eq(recommendationActionRuns.startedAt, run.startedAt) : undefined,
      ),
    )
    .returning();
  return rows[0];
}

/** Reminders whose time has come and that nobody was told about yet. */
export async function listDueReminders(
  db: Database,
  scope: Scope,
  now: Date,
  limit = 100,
): Promise<ActionRunRow[]> {
  return db
    .select()
    .from(recommendationActionRuns)
    .where(
      and(
        runInScope(scope),
        eq(recommendationActionRuns.actionType, 'set_reminder'),
        eq(recommendationActionRuns.status, 'succeeded'),
        sql`${recommendationActionRuns.result}->>'deliveredAt' is null`,
        sql`(${recommendationActionRuns.result}->>'remindAt')::timestamptz <= ${now.toISOString()}::timestamptz`,
      ),
    )
    .limit(limit);
}

/** Marks a reminder delivered once; false when another worker delivered it first. */
export async function markReminderDelivered(db: Database, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(recommendationActionRuns)
    .set({
      result: sql`coalesce(${recommendationActionRuns.result}, '{}'::jsonb) || ${JSON.stringify({ deliveredAt: now.toISOString() })}::jsonb`,
      updatedAt: now,
    })
    .where(
      and(
        eq(recommendationActionRuns.id, id),
        sql`${recommendationActionRuns.result}->>'deliveredAt' is null`,
      ),
    )
    .returning({ id: recommendationActionRuns.id });
  return rows.length > 0;
}
