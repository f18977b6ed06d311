import { and, desc, eq, gte, lt, or, sql } from 'drizzle-orm';
import type { TimeUuidCursor } from '@keel/core/cursor';
import type { Database } from '../client.ts';
import { kagScoreHistory, kagSignalHistory } from '../schema/kag-core.ts';
import type { KagScope } from './kag-ingest.ts';

/** The project page's history reads: the daily score series and the signal timeline. */

/**
 * The last score of each UTC day since `from`, per score type, oldest first. A refresh runs
 * many times a day; a 90-day chart wants one point a day, and the day's last word is the one
 * the portfolio showed that evening.
 */
export async function listDailyScoreHistory(db: Database, scope: KagScope, from: Date) {
  const day = sql<string>`to_char(${kagScoreHistory.asOf} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await db
    .selectDistinctOn([day, kagScoreHistory.scoreType], {
      day,
      scoreType: kagScoreHistory.scoreType,
      value: kagScoreHistory.value,
      configVersion: kagScoreHistory.configVersion,
      asOf: kagScoreHistory.asOf,
    })
    .from(kagScoreHistory)
    .where(
      and(
        eq(kagScoreHistory.accountScopeId, scope.accountScopeId),
        eq(kagScoreHistory.projectId, scope.projectId),
        gte(kagScoreHistory.asOf, from),
      ),
    )
    .orderBy(day, kagScoreHistory.scoreType, desc(kagScoreHistory.asOf));
  return rows;
}

/**
 * GET /kag/signals/history: signals appearing, changing and resolving, newest first,
 * keyset-paged by (as_of, id); returns up to `limit + 1` rows, the caller cuts the page.
 */
export async function listSignalHistory(
  db: Database,
  scope: KagScope,
  options: { limit: number; cursor: TimeUuidCursor | null },
) {
  const c = options.cursor;
  const t = c ? sql`${c.t}::timestamptz` : null;
  return db
    .select({
      id: kagSignalHistory.id,
      key: kagSignalHistory.key,
      category: kagSignalHistory.category,
      subjectKey: kagSignalHistory.subjectKey,
      change: kagSignalHistory.change,
      severity: kagSignalHistory.severity,
      value: kagSignalHistory.value,
      sentence: kagSignalHistory.sentence,
      configVersion: kagSignalHistory.configVersion,
      asOf: kagSignalHistory.asOf,
    })
    .from(kagSignalHistory)
    .where(
      and(
        eq(kagSignalHistory.accountScopeId, scope.accountScopeId),
        eq(kagSignalHistory.projectId, scope.projectId),
        c && t
          ? or(lt(kagSignalHistory.asOf, t), and(eq(kagSignalHistory.asOf, t), lt(kagSignalHistory.id, c.id)))
          : undefined,
      ),
    )
    .orderBy(desc(kagSignalHistory.asOf), desc(kagSignalHistory.id))
    .limit(options.limit + 1);
}
