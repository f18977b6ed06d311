import { and, desc, eq, gte, lt } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { type ForecastDriver, type SimilarCase, kagRiskForecasts } from '../schema/kag-v2.ts';
import type { KagScope } from './kag-ingest.ts';

/**
 * kag_risk_forecasts keeps one row per project, horizon and UTC day: a refresh replaces the
 * day's rows (the last refresh of a day wins), earlier days stay as the record of what Keel
 * said then. Lists read the newest row per horizon.
 */
export type ForecastWrite = {
  horizonDays: number;
  probability: number;
  drivers: ForecastDriver[];
  similarCases: SimilarCase[];
  dataSufficient: boolean;
  insufficiencyReason: string | null;
  modelVersion: string;
  asOf: Date;
};

const dayBounds = (day: string) => ({
  start: new Date(`${day}T00:00:00.000Z`),
  end: new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000),
});

/** Replaces the project's forecasts of the UTC day `day` with `rows`, in one transaction. */
export async function replaceDayForecasts(
  db: Database,
  scope: KagScope,
  day: string,
  rows: readonly ForecastWrite[],
): Promise<number> {
  const { start, end } = dayBounds(day);
  return db.transaction(async (tx) => {
    await tx
      .delete(kagRiskForecasts)
      .where(
        and(
          eq(kagRiskForecasts.accountScopeId, scope.accountScopeId),
          eq(kagRiskForecasts.projectId, scope.projectId),
          gte(kagRiskForecasts.asOf, start),
          lt(kagRiskForecasts.asOf, end),
        ),
      );
    if (rows.length === 0) return 0;
    const out = await tx
      .insert(kagRiskForecasts)
      .values(rows.map((r) => ({ ...r, ...scope })))
      .returning({ id: kagRiskForecasts.id });
    return out.length;
  });
}

export type StoredForecast = ForecastWrite & { id: string; createdAt: Date };

/** The newest forecast per horizon (7, 14, 30 order); a refresh writes the three together. */
export async function listLatestForecasts(db: Database, scope: KagScope): Promise<StoredForecast[]> {
  const rows = await db
    .select()
    .from(kagRiskForecasts)
    .where(
      and(
        eq(kagRiskForecasts.accountScopeId, scope.accountScopeId),
        eq(kagRiskForecasts.projectId, scope.projectId),
      ),
    )
    .orderBy(desc(kagRiskForecasts.asOf), kagRiskForecasts.horizonDays)
    .limit(9);
  const latest = new Map<number, StoredForecast>();
  for (const { accountScopeId: _a, projectId: _p, ...r } of rows)
    if (!latest.has(r.horizonDays)) latest.set(r.horizonDays, r);
  return [...latest.values()].sort((a, b) => a.horizonDays - b.horizonDays);
}

/**
 * The project's 14-day forecasts of its newest `days` days that had enough history, oldest
 * first: what the flag rule reads (one row per day; the day is the UTC date of `as_of`).
 */
export async function listDailyForecasts14d(
  db: Database,
  scope: KagScope,
  days: number,
): Promise<Array<{ date: string; p14: number }>> {
  const rows = await db
    .select({ asOf: kagRiskForecasts.asOf, probability: kagRiskForecasts.probability })
    .from(kagRiskForecasts)
    .where(
      and(
        eq(kagRiskForecasts.accountScopeId, scope.accountScopeId),
        eq(kagRiskForecasts.projectId, scope.projectId),
        eq(kagRiskForecasts.horizonDays, 14),
        eq(kagRiskForecasts.dataSufficient, true),
      ),
    )
    .orderBy(desc(kagRiskForecasts.asOf))
    .limit(days);
  return rows.reverse().map((r) => ({ date: r.asOf.toISOString().slice(0, 10), p14: r.probability }));
}
