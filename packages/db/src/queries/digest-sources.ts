import { type SQL, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../client.ts';
import type { EvidenceRef } from '../schema/kag-core.ts';

/**
 * What a digest reads about a set of projects of one workspace, one grouped statement per
 * source table (never one per project): scores and forecasts now and at the window's start,
 * the signal set now and then, conversations waiting on us, and what was done in the window.
 */
type Ts = Date | string;

export type DigestSourceRows = {
  projects: { id: string; name: string; locale: string | null }[];
  scoresNow: {
    id: string;
    project_id: string;
    score_type: 'health' | 'risk';
    value: number;
    config_version: string;
    as_of: Ts;
  }[];
  scoresThen: {
    id: string;
    project_id: string;
    score_type: 'health' | 'risk';
    value: number;
    config_version: string;
    as_of: Ts;
  }[];
  /** Daily snapshots at or before the window's start: the earlier score where no score history reaches back. */
  snapshotsThen: {
    id: string;
    project_id: string;
    health: number | null;
    risk: number | null;
    config_version: string;
    as_of: Ts;
  }[];
  signalsNow: {
    project_id: string;
    key: string;
    subject_key: string;
    title: string;
    sentence: string;
    severity: number;
    evidence: EvidenceRef[];
    config_version: string;
  }[];
  /** The last history row of each signal at the window's start (`resolved` ones were not active). */
  signalsThen: {
    project_id: string;
    key: string;
    subject_key: string;
    change: 'appeared' | 'changed' | 'resolved';
    sentence: string | null;
    severity: number;
    evidence: EvidenceRef[];
    config_version: string;
  }[];
  forecastNow: ForecastRow[];
  forecastThen: ForecastRow[];
  waiting: {
    project_id: string;
    cw_conversation_id: string | number;
    display_id: number | null;
    contact: string | null;
    waiting_since: Ts;
    last_message_id: string | number;
    messages: number;
    snippet: string | null;
  }[];
  actionRuns: {
    id: string;
    project_id: string;
    action_type: string;
    title: string;
    external_url: string | null;
    finished_at: Ts;
  }[];
  outbound: {
    id: string;
    project_id: string;
    channel: string;
    recipient: string;
    subject: string | null;
    sent_at: Ts;
  }[];
};

type ForecastRow = {
  id: string;
  project_id: string;
  probability: number;
  data_sufficient: boolean;
  model_version: string;
  as_of: Ts;
};

/** The ids as one `uuid[]` parameter, so 500 projects are one bound value. */
function idArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}

export async function readDigestSources(
  db: Database,
  accountScopeId: string,
  projectIds: readonly string[],
  window: { from: Date; to: Date },
): Promise<DigestSourceRows> {
  const empty: DigestSourceRows = {
    projects: [],
    scoresNow: [],
    scoresThen: [],
    snapshotsThen: [],
    signalsNow: [],
    signalsThen: [],
    forecastNow: [],
    forecastThen: [],
    waiting: [],
    actionRuns: [],
    outbound: [],
  };
  if (projectIds.length === 0) return empty;
  const ids = idArray(projectIds);
  const scope = sql`account_scope_id = ${accountScopeId}::uuid and project_id = any(${ids})`;
  const from = window.from.toISOString();
  const to = window.to.toISOString();
  const [
    projects,
    scoresNow,
    scoresThen,
    snapshotsThen,
    signalsNow,
    signalsThen,
    forecastNow,
    forecastThen,
    waiting,
    actionRuns,
    outbound,
  ] = await Promise.all([
    queryRows<DigestSourceRows['projects'][number]>(
      db,
      sql`select id, name, settings->>'locale' as locale from projects
          where account_scope_id = ${accountScopeId}::uuid and id = any(${ids})`,
    ),
    queryRows<DigestSourceRows['scoresNow'][number]>(
      db,
      sql`select id, project_id, score_type, value, config_version, as_of from kag_scores where ${scope}`,
    ),
    queryRows<DigestSourceRows['scoresThen'][number]>(
      db,
      sql`select distinct on (project_id, score_type) id, project_id, score_type, value, config_version, as_of
          from kag_score_history where ${scope} and as_of <= ${from}::timestamptz
          order by project_id, score_type, as_of desc`,
    ),
    queryRows<DigestSourceRows['snapshotsThen'][number]>(
      db,
      sql`select distinct on (project_id) id, project_id, health, risk, config_version, as_of
          from project_snapshots where ${scope} and snapshot_date <= ${from.slice(0, 10)}::date
          order by project_id, snapshot_date desc`,
    ),
    queryRows<DigestSourceRows['signalsNow'][number]>(
      db,
      sql`select project_id, key, subject_key, title, sentence, severity, evidence, config_version
          from kag_signals where ${scope}`,
    ),
    queryRows<DigestSourceRows['signalsThen'][number]>(
      db,
      sql`select distinct on (project_id, key, subject_key)
                 project_id, key, subject_key, change, sentence, severity, evidence, config_version
          from kag_signal_history where ${scope} and as_of <= ${from}::timestamptz
          order by project_id, key, subject_key, as_of desc, created_at desc`,
    ),
    queryRows<ForecastRow>(
      db,
      sql`select distinct on (project_id) id, project_id, probability, data_sufficient, model_version, as_of
          from kag_risk_forecasts where ${scope} and horizon_days = 14 and as_of <= ${to}::timestamptz
          order by project_id, as_of desc`,
    ),
    queryRows<ForecastRow>(
      db,
      sql`select distinct on (project_id) id, project_id, probability, data_sufficient, model_version, as_of
          from kag_risk_forecasts where ${scope} and horizon_days = 14 and as_of <= ${from}::timestamptz
          order by project_id, as_of desc`,
    ),
    // Open conversations whose client wrote after our last human reply (bots, private notes and
    // activity are not replies — the same rule as the client_waiting signal).
    queryRows<DigestSourceRows['waiting'][number]>(
      db,
      sql`with conv as (
            select c.project_id, c.cw_conversation_id, c.display_id from cw_conversations c
            where ${scope} and c.deleted_at is null and c.status in ('open', 'pending')
          ), replied as (
            select m.cw_conversation_id, max(m.created_at_source) as at from cw_messages m
            join conv on conv.cw_conversation_id = m.cw_conversation_id
            where m.account_scope_id = ${accountScopeId}::uuid and m.message_type = 'outgoing'
              and not m.private and m.deleted_at is null and coalesce(m.sender_type, 'user') <> 'agent_bot'
              and m.created_at_source <= ${to}::timestamptz
            group by m.cw_conversation_id
          )
          select conv.project_id, conv.cw_conversation_id, conv.display_id,
                 min(m.created_at_source) as waiting_since, count(*)::int as messages,
                 (array_agg(m.sender_name order by m.created_at_source desc, m.cw_message_id desc))[1] as contact,
                 (array_agg(m.cw_message_id order by m.created_at_source desc, m.cw_message_id desc))[1] as last_message_id,
                 (array_agg(left(m.content, 160) order by m.created_at_source desc, m.cw_message_id desc))[1] as snippet
          from conv
          join cw_messages m on m.account_scope_id = ${accountScopeId}::uuid
            and m.cw_conversation_id = conv.cw_conversation_id
          left join replied r on r.cw_conversation_id = conv.cw_conversation_id
          where m.message_type = 'incoming' and not m.private and m.deleted_at is null
            and m.created_at_source <= ${to}::timestamptz
            and (r.at is null or m.created_at_source > r.at)
          group by conv.project_id, conv.cw_conversation_id, conv.display_id`,
    ),
    queryRows<DigestSourceRows['actionRuns'][number]>(
      db,
      sql`select a.id, a.project_id, a.action_type, r.title, a.external_url, a.finished_at
          from recommendation_action_runs a join recommendations_v2 r on r.id = a.recommendation_id
          where a.account_scope_id = ${accountScopeId}::uuid and a.project_id = any(${ids})
            and a.status = 'succeeded' and a.finished_at > ${from}::timestamptz
            and a.finished_at <= ${to}::timestamptz`,
    ),
    queryRows<DigestSourceRows['outbound'][number]>(
      db,
      sql`select id, project_id, channel, recipient, subject, sent_at from outbound_messages
          where ${scope} and status = 'sent' and sent_at > ${from}::timestamptz and sent_at <= ${to}::timestamptz`,
    ),
  ]);
  return {
    projects,
    scoresNow,
    scoresThen,
    snapshotsThen,
    signalsNow,
    signalsThen,
    forecastNow,
    forecastThen,
    waiting,
    actionRuns,
    outbound,
  };
}

/**
 * What decides each project's language: its `settings.locale`, else its newest client messages
 * (read only for projects without a set locale).
 */
export async function readProjectLanguageInputs(
  db: Database,
  accountScopeId: string,
  projectIds: readonly string[],
): Promise<{
  projects: { id: string; locale: string | null }[];
  clientTexts: { project_id: string; content: string }[];
}> {
  if (projectIds.length === 0) return { projects: [], clientTexts: [] };
  const ids = idArray(projectIds);
  const [projects, clientTexts] = await Promise.all([
    queryRows<{ id: string; locale: string | null }>(
      db,
      sql`select id, settings->>'locale' as locale from projects
          where account_scope_id = ${accountScopeId}::uuid and id = any(${ids})`,
    ),
    queryRows<{ project_id: string; content: string }>(
      db,
      sql`select p.id as project_id, t.content from projects p
          cross join lateral (
            select m.content from cw_messages m
            where m.project_id = p.id and m.message_type = 'incoming' and not m.private
              and m.deleted_at is null and m.content is not null
            order by m.created_at_source desc limit 20
          ) t
          where p.account_scope_id = ${accountScopeId}::uuid and p.id = any(${ids})
            and coalesce(p.settings->>'locale', '') = ''`,
    ),
  ]);
  return { projects, clientTexts };
}
