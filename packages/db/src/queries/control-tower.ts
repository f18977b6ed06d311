import { type SQL, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../client.ts';

/**
 * The control tower's reads (intelligence.js getControlTower and the drilldown): every statement
 * is over one workspace and the project ids the caller may see (`account_scope_id = … and
 * project_id = any(…)`), grouped over all of them at once — never one statement per project.
 */

export type ControlTowerScope = { accountScopeId: string; projectIds: readonly string[] };

/** The project ids as one `uuid[]` parameter (the statement stays the same whatever the count). */
const ids = (projectIds: readonly string[]): SQL => sql`${`{${projectIds.join(',')}}`}::uuid[]`;
const inScope = (s: ControlTowerScope): SQL =>
  sql`account_scope_id = ${s.accountScopeId}::uuid and project_id = any(${ids(s.projectIds)})`;
const iso = (v: Date | string | null): string | null => (v == null ? null : new Date(v).toISOString());
const day = (v: Date | string): string =>
  typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10);

/** Revenue at risk is read over the 30-day window (the figure the control tower shows). */
export const REVENUE_PERIOD_DAYS = 30;
/** SLA compliance is read over the 30-day window too, so both tiles cover the same days. */
export const COMMS_PERIOD_DAYS = 30;

export type RevenueRow = {
  projectId: string;
  currency: string;
  revenueAtRiskMinor: number;
  snapshotDate: string;
  asOf: string;
  details: Record<string, unknown>;
};

/** Each project's newest revenue snapshot day (all its currencies of that day). */
export async function readLatestRevenue(db: Database, s: ControlTowerScope): Promise<RevenueRow[]> {
  if (s.projectIds.length === 0) return [];
  const rows = await queryRows<{
    project_id: string;
    currency: string;
    revenue_at_risk_minor: number | string;
    snapshot_date: Date | string;
    as_of: Date | string;
    details: Record<string, unknown> | null;
  }>(
    db,
    sql`select project_id, currency, revenue_at_risk_minor, snapshot_date, as_of, details
        from (select project_id, currency, revenue_at_risk_minor, snapshot_date, as_of, details,
                     rank() over (partition by project_id order by snapshot_date desc) as r
                from analytics_revenue_snapshots
               where ${inScope(s)} and period_days = ${REVENUE_PERIOD_DAYS}) latest
        where r = 1`,
  );
  return rows.map((r) => ({
    projectId: r.project_id,
    currency: r.currency,
    revenueAtRiskMinor: Number(r.revenue_at_risk_minor),
    snapshotDate: day(r.snapshot_date),
    asOf: iso(r.as_of) as string,
    details: r.details ?? {},
  }));
}

/** Σ revenue at risk per day and currency since `since` (a day), for the chart. */
export async function readRevenueTrend(
  db: Database,
  s: ControlTowerScope,
  since: string,
): Promise<{ snapshotDate: string; currency: string; revenueAtRiskMinor: number }[]> {
  if (s.projectIds.length === 0) return [];
  const rows = await queryRows<{ snapshot_date: Date | string; currency: string; amount: number | string }>(
    db,
    sql`select snapshot_date, currency, sum(revenue_at_risk_minor) as amount
        from analytics_revenue_snapshots
        where ${inScope(s)} and period_days = ${REVENUE_PERIOD_DAYS} and snapshot_date >= ${since}::date
        group by snapshot_date, currency`,
  );
  return rows.map((r) => ({
    snapshotDate: day(r.snapshot_date),
    currency: r.currency,
    revenueAtRiskMinor: Number(r.amount),
  }));
}

export type HealthHistoryRow = { projectId: string; day: string; value: number };

/**
 * Each project's last health of each UTC day since `since`, plus its last health before it (the
 * value carried into the window's first day).
 */
export async function readHealthHistory(
  db: Database,
  s: ControlTowerScope,
  since: string,
): Promise<HealthHistoryRow[]> {
  if (s.projectIds.length === 0) return [];
  const rows = await queryRows<{ project_id: string; day: string; value: number }>(
    db,
    sql`(select distinct on (project_id, (as_of at time zone 'UTC')::date)
                project_id, to_char((as_of at time zone 'UTC')::date, 'YYYY-MM-DD') as day, value
           from kag_score_history
          where ${inScope(s)} and score_type = 'health' and as_of >= ${since}::date
          order by project_id, (as_of at time zone 'UTC')::date, as_of desc)
        union all
        (select distinct on (project_id) project_id, '0000-00-00' as day, value
           from kag_score_history
          where ${inScope(s)} and score_type = 'health' and as_of < ${since}::date
          order by project_id, as_of desc)`,
  );
  return rows.map((r) => ({ projectId: r.project_id, day: r.day, value: Number(r.value) }));
}

export type ForecastRow = { projectId: string; probability: number; asOf: string };

/** 14-day forecasts with enough history: each project's newest, and its baseline a week back. */
export async function readForecastMoves(
  db: Database,
  s: ControlTowerScope,
  weekAgo: Date,
): Promise<{ latest: ForecastRow[]; baseline: ForecastRow[] }> {
  if (s.projectIds.length === 0) return { latest: [], baseline: [] };
  const base = sql`from kag_risk_forecasts where ${inScope(s)} and horizon_days = 14 and data_sufficient`;
  const at = weekAgo.toISOString();
  type Row = { project_id: string; probability: number; as_of: Date | string };
  const [latest, before, within] = await Promise.all([
    queryRows<Row>(
      db,
      sql`select distinct on (project_id) project_id, probability, as_of ${base} order by project_id, as_of desc`,
    ),
    queryRows<Row>(
      db,
      sql`select distinct on (project_id) project_id, probability, as_of ${base} and as_of <= ${at}::timestamptz
          order by project_id, as_of desc`,
    ),
    queryRows<Row>(
      db,
      sql`select distinct on (project_id) project_id, probability, as_of ${base} and as_of > ${at}::timestamptz
          order by project_id, as_of asc`,
    ),
  ]);
  const map = (r: Row): ForecastRow => ({
    projectId: r.project_id,
    probability: Number(r.probability),
    asOf: iso(r.as_of) as string,
  });
  const baseline = new Map(within.map((r) => [r.project_id, map(r)]));
  for (const r of before) baseline.set(r.project_id, map(r));
  return { latest: latest.map(map), baseline: [...baseline.values()] };
}

export type RadarRow = {
  projectId: string;
  title: string;
  description: string | null;
  severity: number;
  probability: number | null;
  signalKeys: string[];
  evidenceCount: number;
  asOf: string;
};

export async function readOpenRadarItems(
  db: Database,
  s: ControlTowerScope,
  limit: number,
): Promise<RadarRow[]> {
  if (s.projectIds.length === 0) return [];
  const rows = await queryRows<{
    project_id: string;
    title: string;
    description: string | null;
    severity: number;
    probability: number | null;
    signal_keys: string[] | null;
    evidence_count: number;
    as_of: Date | string;
  }>(
    db,
    sql`select project_id, title, description, severity, probability, signal_keys,
               jsonb_array_length(evidence)::int as evidence_count, as_of
        from risk_radar_items where ${inScope(s)} and status = 'open'
        order by severity desc, as_of desc limit ${limit}`,
  );
  return rows.map((r) => ({
    projectId: r.project_id,
    title: r.title,
    description: r.description,
    severity: Number(r.severity),
    probability: r.probability === null ? null : Number(r.probability),
    signalKeys: r.signal_keys ?? [],
    evidenceCount: r.evidence_count,
    asOf: iso(r.as_of) as string,
  }));
}

export type SignalRow = {
  projectId: string;
  key: string;
  title: string;
  sentence: string;
  severity: number;
  asOf: string;
};

export async function readStrongestSignals(
  db: Database,
  s: ControlTowerScope,
  limit: number,
): Promise<SignalRow[]> {
  if (s.projectIds.length === 0) return [];
  const rows = await queryRows<{
    project_id: string;
    key: string;
    title: string;
    sentence: string;
    severity: number;
    as_of: Date | string;
  }>(
    db,
    sql`select project_id, key, title, sentence, severity, as_of
        from kag_signals where ${inScope(s)}
        order by severity desc, first_detected_at asc limit ${limit}`,
  );
  return rows.map((r) => ({
    projectId: r.project_id,
    key: r.key,
    title: r.title,
    sentence: r.sentence,
    severity: Number(r.severity),
    asOf: iso(r.as_of) as string,
  }));
}

export type CommsSnapshotRow = {
  projectId: string;
  snapshotDate: string;
  asOf: string;
  slaCompliance: number | null;
  inboundMessages: number;
  firstResponseP50Minutes: number | null;
  firstResponseP90Minutes: number | null;
  details: Record<string, unknown>;
};

/** Comms snapshots since `since` (a day), every project and day, for the figure and its trend. */
export async function readCommsSnapshots(
  db: Database,
  s: ControlTowerScope,
  since: string,
): Promise<CommsSnapshotRow[]> {
  if (s.projectIds.length === 0) return [];
  const rows = await queryRows<{
    project_id: string;
    snapshot_date: Date | string;
    as_of: Date | string;
    sla_compliance: number | null;
    inbound_messages: number;
    first_response_p50_minutes: number | null;
    first_response_p90_minutes: number | null;
    details: Record<string, unknown> | null;
  }>(
    db,
    sql`select project_id, snapshot_date, as_of, sla_compliance, inbound_messages,
               first_response_p50_minutes, first_response_p90_minutes, details
        from analytics_comms_snapshots
        where ${inScope(s)} and period_days = ${COMMS_PERIOD_DAYS} and snapshot_date >= ${since}::date`,
  );
  const n = (v: number | null) => (v === null ? null : Number(v));
  return rows.map((r) => ({
    projectId: r.project_id,
    snapshotDate: day(r.snapshot_date),
    asOf: iso(r.as_of) as string,
    slaCompliance: n(r.sla_compliance),
    inboundMessages: Number(r.inbound_messages),
    firstResponseP50Minutes: n(r.first_response_p50_minutes),
    firstResponseP90Minutes: n(r.first_response_p90_minutes),
    details: r.details ?? {},
  }));
}

export type ActedRow = {
  projectId: string;
  accepted: number;
  done: number;
  actionsSucceeded: number;
  lastAt: string | null;
};

/** Recommendations accepted or done, and action runs that succeeded, since `since`, per project. */
export async function readRecommendationsActed(
  db: Database,
  s: ControlTowerScope,
  since: Date,
): Promise<ActedRow[]> {
  if (s.projectIds.length === 0) return [];
  const at = since.toISOString();
  const rows = await queryRows<{
    project_id: string;
    accepted: number;
    done: number;
    actions: number;
    last_at: Date | string | null;
  }>(
    db,
    sql`select project_id, sum(accepted)::int as accepted, sum(done)::int as done, sum(actions)::int as actions,
               max(last_at) as last_at
        from (
          select project_id, count(*) filter (where status = 'accepted') as accepted,
                 count(*) filter (where status = 'done') as done, 0 as actions, max(status_changed_at) as last_at
            from recommendations_v2
           where ${inScope(s)} and status in ('accepted', 'done') and status_changed_at >= ${at}::timestamptz
           group by project_id
          union all
          select project_id, 0, 0, count(*), max(finished_at)
            from recommendation_action_runs
           where ${inScope(s)} and status = 'succeeded' and finished_at >= ${at}::timestamptz
           group by project_id
        ) acted
        group by project_id`,
  );
  return rows.map((r) => ({
    projectId: r.project_id,
    accepted: r.accepted,
    done: r.done,
    actionsSucceeded: r.actions,
    lastAt: iso(r.last_at),
  }));
}

export type SyncFreshnessRow = {
  projectId: string;
  connector: string;
  status: string;
  lastSuccessAt: string | null;
  consecutiveFailures: number;
};

export async function readSyncFreshness(db: Database, s: ControlTowerScope): Promise<SyncFreshnessRow[]> {
  if (s.projectIds.length === 0) return [];
  const rows = await queryRows<{
    project_id: string;
    connector: string;
    status: string;
    last_success_at: Date | string | null;
    consecutive_failures: number;
  }>(
    db,
    sql`select project_id, connector, status, last_success_at, consecutive_failures
        from connector_sync_state where ${inScope(s)}`,
  );
  return rows.map((r) => ({
    projectId: r.project_id,
    connector: r.connector,
    status: r.status,
    lastSuccessAt: iso(r.last_success_at),
    consecutiveFailures: Number(r.consecutive_failures),
  }));
}

/** When the newest health score behind the distribution was computed. */
export async function readNewestHealthAt(db: Database, s: ControlTowerScope): Promise<string | null> {
  if (s.projectIds.length === 0) return null;
  const [row] = await queryRows<{ at: Date | string | null }>(
    db,
    sql`select max(as_of) as at from kag_scores where ${inScope(s)} and score_type = 'health'`,
  );
  return iso(row?.at ?? null);
}
