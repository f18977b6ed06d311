import { humanize } from '@/lib/format';

/** What each job does, in a manager's words; unknown job types fall back to the API's text. */
const JOBS: Record<string, { label: string; description: string }> = {
  connectors_sync_cycle: {
    label: 'Connector sync',
    description: 'Pulls new conversations, issues and deals from every connected tool.',
  },
  connector_errors_retry: {
    label: 'Error retries',
    description: 'Retries the items a sync could not fetch, once their retry time has come.',
  },
  connectors_reconciliation: {
    label: 'Reconciliation',
    description: 'Compares the counts in each tool with Keel’s copy and records differences.',
  },
  loops_sync: { label: 'Loops sync', description: 'Sends CRM contacts to Loops for e-mail campaigns.' },
  embeddings_run: { label: 'Search indexing', description: 'Prepares new messages for conversation search.' },
  kag_recommendations_refresh: {
    label: 'Recommendations',
    description: 'Turns fresh signals into recommendations to act on.',
  },
  kag_daily_pipeline: {
    label: 'Daily intelligence run',
    description:
      'Re-reads the day’s activity and records the project’s daily snapshot and what followed earlier ones.',
  },
  project_snapshots_refresh: {
    label: 'Project snapshots',
    description: 'Records the project’s state for trends and comparisons.',
  },
  case_signatures_refresh: {
    label: 'Similar cases',
    description: 'Finds past projects that looked like this one.',
  },
  risk_forecasts_refresh: {
    label: 'Risk forecasts',
    description: 'Forecasts the project’s risk 7, 14 and 30 days ahead.',
  },
  recommendations_v2_refresh: {
    label: 'Evidence-backed recommendations',
    description: 'Refreshes recommendations together with the evidence behind them.',
  },
  risk_health_refresh: {
    label: 'Health and risk scores',
    description: 'Recomputes the project’s health and risk scores.',
  },
  analytics_refresh: {
    label: 'Analytics',
    description: 'Refreshes response times, volumes and other delivery analytics.',
  },
  daily_digest: { label: 'Daily digest', description: 'Writes the daily summary for the team.' },
  weekly_digest: { label: 'Weekly digest', description: 'Writes the weekly summary for executives.' },
  legacy_signals_extract: {
    label: 'Signal extraction',
    description: 'Extracts signals from conversations and issues.',
  },
  identity_suggestions_refresh: {
    label: 'Contact matching',
    description: 'Suggests which people across tools are the same person.',
  },
  upsell_radar_refresh: { label: 'Upsell radar', description: 'Spots clients who may need more from you.' },
  outbound_process: { label: 'Outbound messages', description: 'Sends approved messages to clients.' },
  job_history_prune: {
    label: 'History clean-up',
    description: 'Removes job history older than the retention period.',
  },
};

export function jobLabel(type: string): string {
  return JOBS[type]?.label ?? humanize(type);
}

export function jobDescription(type: string, fallback?: string): string {
  return JOBS[type]?.description ?? fallback ?? '';
}
