import { type SQL, sql } from 'drizzle-orm';
import type { TimeIdCursor } from '@keel/core/cursor';
import { type Database, queryRows } from '../client.ts';
import type { Role } from '../schema/platform.ts';
import { seesWholeWorkspace } from '@keel/core/policy';

/**
 * The per-project facts behind the portfolio overview, for a whole workspace at once: one grouped
 * statement per source table (never one per project).
 */
export type PortfolioFactRows = {
  scores: { project_id: string; score_type: 'health' | 'risk'; value: number }[];
  healthWeekAgo: { project_id: string; value: number }[];
  signals: {
    project_id: string;
    active: number;
    key: string;
    title: string;
    sentence: string;
    severity: number;
  }[];
  recommendations: { project_id: string; open: number }[];
  issues: { project_id: string; open: number; overdue: number }[];
  waiting: { project_id: string; awaiting: number; oldest: Date | string | null }[];
  lastClientMessage: { project_id: string; at: Date | string | null }[];
  deals: { project_id: string; currency: string; open: number; amount_minor: number | string }[];
  /**
   * The newest days' 14-day risk forecasts of each project, oldest first per project (probability
   * meaningful only when sufficient): the newest is the column, the days the at-risk flag's rule.
   */
  forecast14d: { project_id: string; probability: number; data_sufficient: boolean; as_of: Date | string }[];
};

/**
 * The project ids as one `uuid[]` parameter: 500 projects are one bound value, not 500 (the
 * statement text, and so its plan, stays the same whatever the count).
 */
function idArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}

/**
 * Facts for every project of the workspace that is not archived; the caller keeps the ones the
 * user may see (the result is cached per workspace and shared by its users).
 */
export async function readPortfolioFacts(
  db: Database,
  accountScopeId: string,
  now: Date,
  /** Days of 14-day forecasts per project (the flag rule's lookback). */
  forecastDays = 1,
): Promise<PortfolioFactRows> {
  const scope = sql`account_scope_id = ${accountScopeId}::uuid`;
  const projectRows = sql`p.account_scope_id = ${accountScopeId}::uuid and p.status <> 'archived'`;
  const at = now.toISOString();
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000).toISOString();
  const today = at.slice(0, 10);
  const [
    scores,
    healthWeekAgo,
    signals,
    recommendations,
    issues,
    waiting,
    lastClientMessage,
    deals,
    forecast14d,
  ] = await Promise.all([
    queryRows<PortfolioFactRows['scores'][number]>(
      db,
      sql`select project_id, score_type, value from kag_scores where ${scope}`,
    ),
    queryRows<PortfolioFactRows['healthWeekAgo'][number]>(
      db,
      sql`select distinct on (project_id) project_id, value from kag_score_history
            where ${scope} and score_type = 'health' and as_of <= ${weekAgo}::timestamptz
            order by project_id, as_of desc`,
    ),
    // The strongest signal of each project, with the project's count of active signals.
    queryRows<PortfolioFactRows['signals'][number]>(
      db,
      sql`select distinct on (project_id) project_id, key, title, sentence, severity,
                   (count(*) over (partition by project_id))::int as active
            from kag_signals where ${scope}
            order by project_id, severity desc, first_detected_at asc`,
    ),
    // Open recommendations v2 as the Recommendations screen's queue counts them (listRecommendationsV2Rows):
    // new, shown, accepted, and snoozed ones whose time has come; never the gate's suppressed.
    queryRows<PortfolioFactRows['recommendations'][number]>(
      db,
      sql`select project_id, count(*)::int as open from recommendations_v2
            where ${scope} and (status in ('new', 'shown', 'accepted')
              or (status = 'snoozed' and snoozed_until <= ${at}::timestamptz))
            group by project_id`,
    ),
    queryRows<PortfolioFactRows['issues'][number]>(
      db,
      sql`select project_id, count(*)::int as open,
                   (count(*) filter (where due_date < ${today}::date))::int as overdue
            from linear_issues_raw
            where ${scope} and archived_at is null and not trashed
              and coalesce(state_type, 'unstarted') not in ('completed', 'canceled', 'duplicate')
            group by project_id`,
    ),
    queryRows<PortfolioFactRows['waiting'][number]>(
      db,
      sql`select project_id, count(*)::int as awaiting, min(waiting_since) as oldest
            from cw_conversations
            where ${scope} and deleted_at is null and status in ('open', 'pending')
              and waiting_since is not null and waiting_since <= ${at}::timestamptz
            group by project_id`,
    ),
    // Newest client message per project: one index probe each (project_id, created_at desc).
    queryRows<PortfolioFactRows['lastClientMessage'][number]>(
      db,
      sql`select p.id as project_id,
                   (select m.created_at_source from cw_messages m
                     where m.project_id = p.id and m.message_type = 'incoming' and not m.private
                       and m.deleted_at is null and m.created_at_source <= ${at}::timestamptz
                     order by m.created_at_source desc limit 1) as at
            from projects p where ${projectRows}`,
    ),
    queryRows<PortfolioFactRows['deals'][number]>(
      db,
      sql`select project_id, currency, count(*)::int as open, sum(amount_minor) as amount_minor
            from crm_opportunities
            where ${scope} and status = 'open' and deleted_at is null
            group by project_id, currency`,
    ),
    queryRows<PortfolioFactRows['forecast14d'][number]>(
      db,
      // Per project the newest days only, read backwards on the (project, horizon, as_of) key:
      // the table keeps every day's forecasts, so scanning them all would grow with history.
      sql`select p.id as project_id, f.probability, f.data_sufficient, f.as_of
            from projects p
            cross join lateral (
              select probability, data_sufficient, as_of from kag_risk_forecasts
               where project_id = p.id and horizon_days = 14 and account_scope_id = p.account_scope_id
               order by as_of desc limit ${forecastDays}) f
            where ${projectRows}
            order by p.id, f.as_of`,
    ),
  ]);
  return {
    scores,
    healthWeekAgo,
    signals,
    recommendations,
    issues,
    waiting,
    lastClientMessage,
    deals,
    forecast14d,
  };
}

export type PortfolioMessageRow = {
  project_id: string;
  cw_conversation_id: number | string;
  cw_message_id: number | string;
  sender_name: string | null;
  content: string | null;
  created_at_source: Date | string;
  waiting_since: Date | string | null;
};

/**
 * The newest client messages across the given projects (the seed's getPortfolioMessages):
 * incoming, public, not deleted; with `awaitingOnly`, only conversations still waiting for us.
 * Newest first, keyed by (time, message id); returns up to `limit + 1` rows so the caller knows
 * whether there is a next page.
 */
export async function listPortfolioMessages(
  db: Database,
  accountScopeId: string,
  projectIds: readonly string[],
  options: { limit: number; awaitingOnly: boolean; cursor: TimeIdCursor | null },
): Promise<PortfolioMessageRow[]> {
  if (projectIds.length === 0) return [];
  return queryRows<PortfolioMessageRow>(
    db,
    sql`select m.project_id, m.cw_conversation_id, m.cw_message_id, m.sender_name,
               left(m.content, 280) as content, m.created_at_source, c.waiting_since
        from cw_messages m
        left join cw_conversations c
          on c.account_scope_id = m.account_scope_id and c.cw_conversation_id = m.cw_conversation_id
        where m.account_scope_id = ${accountScopeId}::uuid and m.project_id = any(${idArray(projectIds)})
          and m.message_type = 'incoming' and not m.private and m.deleted_at is null
          ${
            options.cursor
              ? sql`and (m.created_at_source, m.cw_message_id) < (${options.cursor.t}::timestamptz, ${options.cursor.id}::bigint)`
              : sql``
          }
          ${
            options.awaitingOnly
              ? sql`and c.waiting_since is not null and c.status in ('open', 'pending') and c.deleted_at is null`
              : sql``
          }
        order by m.created_at_source desc, m.cw_message_id desc
        limit ${options.limit + 1}`,
  );
}

export type PortfolioProjectRow = {
  id: string;
  name: string;
  client_name: string | null;
  status: 'active' | 'paused' | 'completed' | 'archived';
  member_role: Role | null;
};

/**
 * The projects a user sees in the portfolio (not archived), with their membership role: the
 * same visibility rule as `listAccessibleProjects`, in one lean statement (the portfolio asks
 * on every request, for up to hundreds of projects).
 */
export async function listPortfolioProjects(
  db: Database,
  accountScopeId: string,
  userId: string,
  workspaceRole: Role,
): Promise<PortfolioProjectRow[]> {
  const wide = seesWholeWorkspace(workspaceRole);
  return queryRows<PortfolioProjectRow>(
    db,
    sql`select p.id, p.name, p.client_name, p.status, m.role as member_role
        from projects p
        left join project_members m on m.project_id = p.id and m.user_id = ${userId}::uuid
        where p.account_scope_id = ${accountScopeId}::uuid and p.status <> 'archived'
          ${wide ? sql`` : sql`and m.role is not null`}`,
  );
}
