/**
 * Every table the seed (`backend-services.md`) names, in its "Tables" rows and its dependency
 * graph, spelled exactly as there. A test checks each exists after migration on both databases.
 */
export const SEED_TABLES = [
  // 3.1 connectors
  'cw_conversations',
  'cw_messages',
  'cw_contacts',
  'cw_inboxes_raw',
  'cw_attachments_raw',
  'rag_chunks',
  'sync_watermarks',
  'linear_projects_raw',
  'linear_issues_raw',
  'linear_states_raw',
  'linear_cycles_raw',
  'attio_accounts_raw',
  'attio_opportunities_raw',
  'attio_people_raw',
  'attio_activities_raw',
  'crm_accounts',
  'crm_opportunities',
  'connector_sync_state',
  'connector_errors',
  'project_sources',
  // 3.2 intelligence pipeline (+ graph tables from section 7)
  'kag_events',
  'kag_nodes',
  'kag_edges',
  'kag_signal_state',
  'kag_signals',
  'kag_signal_history',
  'kag_scores',
  'kag_score_history',
  'kag_recommendations',
  'recommendations_v2',
  'kag_risk_forecasts',
  'case_signatures',
  'past_case_outcomes',
  'recommendation_action_runs',
  'project_snapshots',
  // 3.4 legacy intelligence
  'analytics_revenue_snapshots',
  'analytics_delivery_snapshots',
  'analytics_comms_snapshots',
  'daily_digests',
  'weekly_digests',
  'health_scores',
  'risk_radar_items',
  'signals',
  'next_best_actions',
  // 3.5 CRM and operations
  'identity_link_suggestions',
  'identity_links',
  'projects',
  'outbound_messages',
  'outbound_attempts',
  'contact_channel_policies',
  'upsell_opportunities',
  'continuity_actions',
  // 3.6 infrastructure
  'scheduled_jobs',
  'worker_runs',
  'job_runs',
  'audit_events',
  'evidence_items',
  'kag_event_log',
] as const;

/** Tables the seed implies without naming (workspaces, people, sessions, offers, secrets …). */
export const IMPLIED_TABLES = [
  'account_scopes',
  'users',
  'workspace_members',
  'user_sessions',
  'api_keys',
  'project_members',
  'login_attempts',
  'login_throttle',
  'db_capabilities',
  'offers',
  'connector_credentials',
  /** Sync runs started over HTTP, followed by id (docs/connectors.md). */
  'connector_sync_runs',
  /** A reader's composed digest and whether it reached them (docs/digests.md). */
  'digest_deliveries',
  /** Who cites each evidence item, for "everything that cites this message" (docs/evidence.md). */
  'evidence_citations',
] as const;

export type SeedTable = (typeof SEED_TABLES)[number];
