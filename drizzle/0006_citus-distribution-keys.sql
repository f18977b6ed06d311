-- Keel shards by workspace on Citus (docs/scaling.md, "Distributed PostgreSQL (Citus)"): every
-- primary key, unique key and foreign key between workspace tables gains account_scope_id.
-- Hand-ordered from drizzle-kit's output so it runs on a populated database: backfill the
-- workspace where it was missing, drop the foreign keys that depend on the old keys, swap the
-- keys, then add the composite foreign keys back. `ON DELETE SET NULL ("col")` (PostgreSQL 15+)
-- nulls only the reference, never account_scope_id; drizzle-kit records it as plain `set null`.
-- Guarded by packages/db/test/distribution-keys.test.ts.
-- project_members is workspace data: it carries its project's workspace.
ALTER TABLE "project_members" ADD COLUMN "account_scope_id" uuid;--> statement-breakpoint
UPDATE "project_members" AS m SET "account_scope_id" = p."account_scope_id" FROM "projects" AS p WHERE p."id" = m."project_id";--> statement-breakpoint
ALTER TABLE "project_members" ALTER COLUMN "account_scope_id" SET NOT NULL;--> statement-breakpoint
-- Job and process runs always belong to a workspace now (a sharded row needs one): take it from the project; a run about no workspace at all (none are written today) cannot be kept.
UPDATE "job_runs" AS r SET "account_scope_id" = p."account_scope_id" FROM "projects" AS p WHERE r."account_scope_id" IS NULL AND p."id" = r."project_id";--> statement-breakpoint
DELETE FROM "job_runs" WHERE "account_scope_id" IS NULL;--> statement-breakpoint
UPDATE "kag_event_log" AS r SET "account_scope_id" = p."account_scope_id" FROM "projects" AS p WHERE r."account_scope_id" IS NULL AND p."id" = r."project_id";--> statement-breakpoint
DELETE FROM "kag_event_log" WHERE "account_scope_id" IS NULL;--> statement-breakpoint
ALTER TABLE "job_runs" ALTER COLUMN "account_scope_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "kag_event_log" ALTER COLUMN "account_scope_id" SET NOT NULL;--> statement-breakpoint
-- Foreign keys that depend on the single-column keys.
ALTER TABLE "analytics_comms_snapshots" DROP CONSTRAINT "analytics_comms_snapshots_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "analytics_delivery_snapshots" DROP CONSTRAINT "analytics_delivery_snapshots_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "analytics_revenue_snapshots" DROP CONSTRAINT "analytics_revenue_snapshots_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "attio_accounts_raw" DROP CONSTRAINT "attio_accounts_raw_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "attio_activities_raw" DROP CONSTRAINT "attio_activities_raw_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "attio_opportunities_raw" DROP CONSTRAINT "attio_opportunities_raw_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "attio_people_raw" DROP CONSTRAINT "attio_people_raw_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "audit_events" DROP CONSTRAINT "audit_events_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "case_signatures" DROP CONSTRAINT "case_signatures_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "case_signatures" DROP CONSTRAINT "case_signatures_snapshot_id_project_snapshots_id_fk";--> statement-breakpoint
ALTER TABLE "connector_errors" DROP CONSTRAINT "connector_errors_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "connector_sync_runs" DROP CONSTRAINT "connector_sync_runs_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "connector_sync_state" DROP CONSTRAINT "connector_sync_state_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "contact_channel_policies" DROP CONSTRAINT "contact_channel_policies_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "continuity_actions" DROP CONSTRAINT "continuity_actions_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "crm_accounts" DROP CONSTRAINT "crm_accounts_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "crm_opportunities" DROP CONSTRAINT "crm_opportunities_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "crm_opportunities" DROP CONSTRAINT "crm_opportunities_crm_account_id_crm_accounts_id_fk";--> statement-breakpoint
ALTER TABLE "cw_attachments_raw" DROP CONSTRAINT "cw_attachments_raw_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "cw_contacts" DROP CONSTRAINT "cw_contacts_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "cw_conversations" DROP CONSTRAINT "cw_conversations_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "cw_inboxes_raw" DROP CONSTRAINT "cw_inboxes_raw_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "cw_messages" DROP CONSTRAINT "cw_messages_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "daily_digests" DROP CONSTRAINT "daily_digests_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "evidence_citations" DROP CONSTRAINT "evidence_citations_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "evidence_citations" DROP CONSTRAINT "evidence_citations_evidence_item_id_evidence_items_id_fk";--> statement-breakpoint
ALTER TABLE "evidence_items" DROP CONSTRAINT "evidence_items_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "health_scores" DROP CONSTRAINT "health_scores_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "identity_link_suggestions" DROP CONSTRAINT "identity_link_suggestions_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "identity_links" DROP CONSTRAINT "identity_links_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "identity_links" DROP CONSTRAINT "identity_links_suggestion_id_identity_link_suggestions_id_fk";--> statement-breakpoint
ALTER TABLE "job_runs" DROP CONSTRAINT "job_runs_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "job_runs" DROP CONSTRAINT "job_runs_scheduled_job_id_scheduled_jobs_id_fk";--> statement-breakpoint
ALTER TABLE "kag_edges" DROP CONSTRAINT "kag_edges_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "kag_edges" DROP CONSTRAINT "kag_edges_from_node_id_kag_nodes_id_fk";--> statement-breakpoint
ALTER TABLE "kag_edges" DROP CONSTRAINT "kag_edges_to_node_id_kag_nodes_id_fk";--> statement-breakpoint
ALTER TABLE "kag_event_log" DROP CONSTRAINT "kag_event_log_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "kag_events" DROP CONSTRAINT "kag_events_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "kag_nodes" DROP CONSTRAINT "kag_nodes_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "kag_recommendations" DROP CONSTRAINT "kag_recommendations_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "kag_risk_forecasts" DROP CONSTRAINT "kag_risk_forecasts_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "kag_score_history" DROP CONSTRAINT "kag_score_history_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "kag_scores" DROP CONSTRAINT "kag_scores_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "kag_signal_history" DROP CONSTRAINT "kag_signal_history_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "kag_signal_state" DROP CONSTRAINT "kag_signal_state_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "kag_signals" DROP CONSTRAINT "kag_signals_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "linear_cycles_raw" DROP CONSTRAINT "linear_cycles_raw_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "linear_issues_raw" DROP CONSTRAINT "linear_issues_raw_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "linear_projects_raw" DROP CONSTRAINT "linear_projects_raw_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "linear_states_raw" DROP CONSTRAINT "linear_states_raw_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "next_best_actions" DROP CONSTRAINT "next_best_actions_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "next_best_actions" DROP CONSTRAINT "next_best_actions_signal_id_signals_id_fk";--> statement-breakpoint
ALTER TABLE "offers" DROP CONSTRAINT "offers_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "offers" DROP CONSTRAINT "offers_crm_account_id_crm_accounts_id_fk";--> statement-breakpoint
ALTER TABLE "offers" DROP CONSTRAINT "offers_crm_opportunity_id_crm_opportunities_id_fk";--> statement-breakpoint
ALTER TABLE "outbound_attempts" DROP CONSTRAINT "outbound_attempts_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "outbound_attempts" DROP CONSTRAINT "outbound_attempts_outbound_message_id_outbound_messages_id_fk";--> statement-breakpoint
ALTER TABLE "outbound_messages" DROP CONSTRAINT "outbound_messages_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "outbound_messages" DROP CONSTRAINT "outbound_messages_offer_id_offers_id_fk";--> statement-breakpoint
ALTER TABLE "outbound_messages" DROP CONSTRAINT "outbound_messages_recommendation_id_recommendations_v2_id_fk";--> statement-breakpoint
ALTER TABLE "past_case_outcomes" DROP CONSTRAINT "past_case_outcomes_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "past_case_outcomes" DROP CONSTRAINT "past_case_outcomes_snapshot_id_project_snapshots_id_fk";--> statement-breakpoint
ALTER TABLE "project_members" DROP CONSTRAINT "project_members_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "project_snapshots" DROP CONSTRAINT "project_snapshots_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "project_sources" DROP CONSTRAINT "project_sources_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "rag_chunks" DROP CONSTRAINT "rag_chunks_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "recommendation_action_runs" DROP CONSTRAINT "recommendation_action_runs_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "recommendation_action_runs" DROP CONSTRAINT "recommendation_action_runs_recommendation_id_recommendations_v2_id_fk";--> statement-breakpoint
ALTER TABLE "recommendations_v2" DROP CONSTRAINT "recommendations_v2_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "risk_radar_items" DROP CONSTRAINT "risk_radar_items_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "scheduled_jobs" DROP CONSTRAINT "scheduled_jobs_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "signals" DROP CONSTRAINT "signals_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "sync_watermarks" DROP CONSTRAINT "sync_watermarks_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "upsell_opportunities" DROP CONSTRAINT "upsell_opportunities_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "upsell_opportunities" DROP CONSTRAINT "upsell_opportunities_crm_account_id_crm_accounts_id_fk";--> statement-breakpoint
ALTER TABLE "user_sessions" DROP CONSTRAINT "user_sessions_active_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "weekly_digests" DROP CONSTRAINT "weekly_digests_project_id_projects_id_fk";--> statement-breakpoint
-- Keys without the workspace.
ALTER TABLE "api_keys" DROP CONSTRAINT "api_keys_key_hash_unique";--> statement-breakpoint
ALTER TABLE "continuity_actions" DROP CONSTRAINT "continuity_actions_idempotency_key_unique";--> statement-breakpoint
ALTER TABLE "outbound_messages" DROP CONSTRAINT "outbound_messages_idempotency_key_unique";--> statement-breakpoint
ALTER TABLE "recommendation_action_runs" DROP CONSTRAINT "recommendation_action_runs_idempotency_key_unique";--> statement-breakpoint
DROP INDEX "analytics_comms_snapshots_uq";--> statement-breakpoint
DROP INDEX "analytics_delivery_snapshots_uq";--> statement-breakpoint
DROP INDEX "analytics_revenue_snapshots_currency_uq";--> statement-breakpoint
DROP INDEX "case_signatures_snapshot_version_uq";--> statement-breakpoint
DROP INDEX "connector_errors_dedupe_uq";--> statement-breakpoint
DROP INDEX "connector_sync_runs_running_uq";--> statement-breakpoint
DROP INDEX "connector_sync_state_project_connector_uq";--> statement-breakpoint
DROP INDEX "contact_channel_policies_contact_channel_uq";--> statement-breakpoint
DROP INDEX "daily_digests_project_date_locale_uq";--> statement-breakpoint
DROP INDEX "digest_deliveries_user_period_channel_uq";--> statement-breakpoint
DROP INDEX "evidence_citations_item_citing_uq";--> statement-breakpoint
DROP INDEX "evidence_items_project_source_uq";--> statement-breakpoint
DROP INDEX "health_scores_project_asof_uq";--> statement-breakpoint
DROP INDEX "identity_link_suggestions_pair_uq";--> statement-breakpoint
DROP INDEX "identity_links_pair_uq";--> statement-breakpoint
DROP INDEX "kag_edges_from_to_type_uq";--> statement-breakpoint
DROP INDEX "kag_events_project_source_ref_kind_uq";--> statement-breakpoint
DROP INDEX "kag_nodes_project_type_key_uq";--> statement-breakpoint
DROP INDEX "kag_recommendations_project_rule_subject_uq";--> statement-breakpoint
DROP INDEX "kag_risk_forecasts_project_horizon_asof_uq";--> statement-breakpoint
DROP INDEX "kag_score_history_project_type_asof_uq";--> statement-breakpoint
DROP INDEX "kag_scores_project_type_uq";--> statement-breakpoint
DROP INDEX "kag_signal_state_project_key_uq";--> statement-breakpoint
DROP INDEX "kag_signals_project_key_subject_uq";--> statement-breakpoint
DROP INDEX "next_best_actions_project_dedupe_uq";--> statement-breakpoint
DROP INDEX "outbound_attempts_message_attempt_uq";--> statement-breakpoint
DROP INDEX "past_case_outcomes_snapshot_horizon_uq";--> statement-breakpoint
DROP INDEX "project_snapshots_project_date_uq";--> statement-breakpoint
DROP INDEX "recommendations_v2_open_subject_uq";--> statement-breakpoint
DROP INDEX "risk_radar_items_project_dedupe_uq";--> statement-breakpoint
DROP INDEX "scheduled_jobs_project_type_uq";--> statement-breakpoint
DROP INDEX "signals_project_dedupe_uq";--> statement-breakpoint
DROP INDEX "sync_watermarks_project_source_resource_uq";--> statement-breakpoint
DROP INDEX "upsell_opportunities_project_dedupe_uq";--> statement-breakpoint
DROP INDEX "weekly_digests_project_week_locale_uq";--> statement-breakpoint
ALTER TABLE "project_members" DROP CONSTRAINT "project_members_project_id_user_id_pk";--> statement-breakpoint
ALTER TABLE "analytics_comms_snapshots" DROP CONSTRAINT "analytics_comms_snapshots_pkey";--> statement-breakpoint
ALTER TABLE "analytics_delivery_snapshots" DROP CONSTRAINT "analytics_delivery_snapshots_pkey";--> statement-breakpoint
ALTER TABLE "analytics_revenue_snapshots" DROP CONSTRAINT "analytics_revenue_snapshots_pkey";--> statement-breakpoint
ALTER TABLE "api_keys" DROP CONSTRAINT "api_keys_pkey";--> statement-breakpoint
ALTER TABLE "attio_accounts_raw" DROP CONSTRAINT "attio_accounts_raw_pkey";--> statement-breakpoint
ALTER TABLE "attio_activities_raw" DROP CONSTRAINT "attio_activities_raw_pkey";--> statement-breakpoint
ALTER TABLE "attio_opportunities_raw" DROP CONSTRAINT "attio_opportunities_raw_pkey";--> statement-breakpoint
ALTER TABLE "attio_people_raw" DROP CONSTRAINT "attio_people_raw_pkey";--> statement-breakpoint
ALTER TABLE "audit_events" DROP CONSTRAINT "audit_events_pkey";--> statement-breakpoint
ALTER TABLE "case_signatures" DROP CONSTRAINT "case_signatures_pkey";--> statement-breakpoint
ALTER TABLE "connector_credentials" DROP CONSTRAINT "connector_credentials_pkey";--> statement-breakpoint
ALTER TABLE "connector_errors" DROP CONSTRAINT "connector_errors_pkey";--> statement-breakpoint
ALTER TABLE "connector_sync_runs" DROP CONSTRAINT "connector_sync_runs_pkey";--> statement-breakpoint
ALTER TABLE "connector_sync_state" DROP CONSTRAINT "connector_sync_state_pkey";--> statement-breakpoint
ALTER TABLE "contact_channel_policies" DROP CONSTRAINT "contact_channel_policies_pkey";--> statement-breakpoint
ALTER TABLE "continuity_actions" DROP CONSTRAINT "continuity_actions_pkey";--> statement-breakpoint
ALTER TABLE "crm_accounts" DROP CONSTRAINT "crm_accounts_pkey";--> statement-breakpoint
ALTER TABLE "crm_opportunities" DROP CONSTRAINT "crm_opportunities_pkey";--> statement-breakpoint
ALTER TABLE "cw_attachments_raw" DROP CONSTRAINT "cw_attachments_raw_pkey";--> statement-breakpoint
ALTER TABLE "cw_contacts" DROP CONSTRAINT "cw_contacts_pkey";--> statement-breakpoint
ALTER TABLE "cw_conversations" DROP CONSTRAINT "cw_conversations_pkey";--> statement-breakpoint
ALTER TABLE "cw_inboxes_raw" DROP CONSTRAINT "cw_inboxes_raw_pkey";--> statement-breakpoint
ALTER TABLE "cw_messages" DROP CONSTRAINT "cw_messages_pkey";--> statement-breakpoint
ALTER TABLE "daily_digests" DROP CONSTRAINT "daily_digests_pkey";--> statement-breakpoint
ALTER TABLE "digest_deliveries" DROP CONSTRAINT "digest_deliveries_pkey";--> statement-breakpoint
ALTER TABLE "evidence_citations" DROP CONSTRAINT "evidence_citations_pkey";--> statement-breakpoint
ALTER TABLE "evidence_items" DROP CONSTRAINT "evidence_items_pkey";--> statement-breakpoint
ALTER TABLE "health_scores" DROP CONSTRAINT "health_scores_pkey";--> statement-breakpoint
ALTER TABLE "identity_link_suggestions" DROP CONSTRAINT "identity_link_suggestions_pkey";--> statement-breakpoint
ALTER TABLE "identity_links" DROP CONSTRAINT "identity_links_pkey";--> statement-breakpoint
ALTER TABLE "job_runs" DROP CONSTRAINT "job_runs_pkey";--> statement-breakpoint
ALTER TABLE "kag_edges" DROP CONSTRAINT "kag_edges_pkey";--> statement-breakpoint
ALTER TABLE "kag_event_log" DROP CONSTRAINT "kag_event_log_pkey";--> statement-breakpoint
ALTER TABLE "kag_events" DROP CONSTRAINT "kag_events_pkey";--> statement-breakpoint
ALTER TABLE "kag_nodes" DROP CONSTRAINT "kag_nodes_pkey";--> statement-breakpoint
ALTER TABLE "kag_recommendations" DROP CONSTRAINT "kag_recommendations_pkey";--> statement-breakpoint
ALTER TABLE "kag_risk_forecasts" DROP CONSTRAINT "kag_risk_forecasts_pkey";--> statement-breakpoint
ALTER TABLE "kag_score_history" DROP CONSTRAINT "kag_score_history_pkey";--> statement-breakpoint
ALTER TABLE "kag_scores" DROP CONSTRAINT "kag_scores_pkey";--> statement-breakpoint
ALTER TABLE "kag_signal_history" DROP CONSTRAINT "kag_signal_history_pkey";--> statement-breakpoint
ALTER TABLE "kag_signal_state" DROP CONSTRAINT "kag_signal_state_pkey";--> statement-breakpoint
ALTER TABLE "kag_signals" DROP CONSTRAINT "kag_signals_pkey";--> statement-breakpoint
ALTER TABLE "linear_cycles_raw" DROP CONSTRAINT "linear_cycles_raw_pkey";--> statement-breakpoint
ALTER TABLE "linear_issues_raw" DROP CONSTRAINT "linear_issues_raw_pkey";--> statement-breakpoint
ALTER TABLE "linear_projects_raw" DROP CONSTRAINT "linear_projects_raw_pkey";--> statement-breakpoint
ALTER TABLE "linear_states_raw" DROP CONSTRAINT "linear_states_raw_pkey";--> statement-breakpoint
ALTER TABLE "next_best_actions" DROP CONSTRAINT "next_best_actions_pkey";--> statement-breakpoint
ALTER TABLE "offers" DROP CONSTRAINT "offers_pkey";--> statement-breakpoint
ALTER TABLE "outbound_attempts" DROP CONSTRAINT "outbound_attempts_pkey";--> statement-breakpoint
ALTER TABLE "outbound_messages" DROP CONSTRAINT "outbound_messages_pkey";--> statement-breakpoint
ALTER TABLE "past_case_outcomes" DROP CONSTRAINT "past_case_outcomes_pkey";--> statement-breakpoint
ALTER TABLE "project_snapshots" DROP CONSTRAINT "project_snapshots_pkey";--> statement-breakpoint
ALTER TABLE "project_sources" DROP CONSTRAINT "project_sources_pkey";--> statement-breakpoint
ALTER TABLE "projects" DROP CONSTRAINT "projects_pkey";--> statement-breakpoint
ALTER TABLE "rag_chunks" DROP CONSTRAINT "rag_chunks_pkey";--> statement-breakpoint
ALTER TABLE "recommendation_action_runs" DROP CONSTRAINT "recommendation_action_runs_pkey";--> statement-breakpoint
ALTER TABLE "recommendations_v2" DROP CONSTRAINT "recommendations_v2_pkey";--> statement-breakpoint
ALTER TABLE "risk_radar_items" DROP CONSTRAINT "risk_radar_items_pkey";--> statement-breakpoint
ALTER TABLE "scheduled_jobs" DROP CONSTRAINT "scheduled_jobs_pkey";--> statement-breakpoint
ALTER TABLE "signals" DROP CONSTRAINT "signals_pkey";--> statement-breakpoint
ALTER TABLE "sync_watermarks" DROP CONSTRAINT "sync_watermarks_pkey";--> statement-breakpoint
ALTER TABLE "upsell_opportunities" DROP CONSTRAINT "upsell_opportunities_pkey";--> statement-breakpoint
ALTER TABLE "user_sessions" DROP CONSTRAINT "user_sessions_pkey";--> statement-breakpoint
ALTER TABLE "weekly_digests" DROP CONSTRAINT "weekly_digests_pkey";--> statement-breakpoint
-- Keys with the workspace.
ALTER TABLE "analytics_comms_snapshots" ADD CONSTRAINT "analytics_comms_snapshots_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "analytics_delivery_snapshots" ADD CONSTRAINT "analytics_delivery_snapshots_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "analytics_revenue_snapshots" ADD CONSTRAINT "analytics_revenue_snapshots_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "attio_accounts_raw" ADD CONSTRAINT "attio_accounts_raw_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "attio_activities_raw" ADD CONSTRAINT "attio_activities_raw_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "attio_opportunities_raw" ADD CONSTRAINT "attio_opportunities_raw_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "attio_people_raw" ADD CONSTRAINT "attio_people_raw_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "case_signatures" ADD CONSTRAINT "case_signatures_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "connector_credentials" ADD CONSTRAINT "connector_credentials_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "connector_errors" ADD CONSTRAINT "connector_errors_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "connector_sync_runs" ADD CONSTRAINT "connector_sync_runs_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "connector_sync_state" ADD CONSTRAINT "connector_sync_state_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "contact_channel_policies" ADD CONSTRAINT "contact_channel_policies_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "continuity_actions" ADD CONSTRAINT "continuity_actions_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "crm_accounts" ADD CONSTRAINT "crm_accounts_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "crm_opportunities" ADD CONSTRAINT "crm_opportunities_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "cw_attachments_raw" ADD CONSTRAINT "cw_attachments_raw_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "cw_contacts" ADD CONSTRAINT "cw_contacts_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "cw_conversations" ADD CONSTRAINT "cw_conversations_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "cw_inboxes_raw" ADD CONSTRAINT "cw_inboxes_raw_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "cw_messages" ADD CONSTRAINT "cw_messages_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "daily_digests" ADD CONSTRAINT "daily_digests_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "digest_deliveries" ADD CONSTRAINT "digest_deliveries_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "evidence_citations" ADD CONSTRAINT "evidence_citations_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "health_scores" ADD CONSTRAINT "health_scores_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "identity_link_suggestions" ADD CONSTRAINT "identity_link_suggestions_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "identity_links" ADD CONSTRAINT "identity_links_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "job_runs" ADD CONSTRAINT "job_runs_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "kag_edges" ADD CONSTRAINT "kag_edges_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "kag_event_log" ADD CONSTRAINT "kag_event_log_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "kag_events" ADD CONSTRAINT "kag_events_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "kag_nodes" ADD CONSTRAINT "kag_nodes_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "kag_recommendations" ADD CONSTRAINT "kag_recommendations_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "kag_risk_forecasts" ADD CONSTRAINT "kag_risk_forecasts_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "kag_score_history" ADD CONSTRAINT "kag_score_history_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "kag_scores" ADD CONSTRAINT "kag_scores_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "kag_signal_history" ADD CONSTRAINT "kag_signal_history_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "kag_signal_state" ADD CONSTRAINT "kag_signal_state_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "kag_signals" ADD CONSTRAINT "kag_signals_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "linear_cycles_raw" ADD CONSTRAINT "linear_cycles_raw_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "linear_issues_raw" ADD CONSTRAINT "linear_issues_raw_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "linear_projects_raw" ADD CONSTRAINT "linear_projects_raw_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "linear_states_raw" ADD CONSTRAINT "linear_states_raw_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "next_best_actions" ADD CONSTRAINT "next_best_actions_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "outbound_attempts" ADD CONSTRAINT "outbound_attempts_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "past_case_outcomes" ADD CONSTRAINT "past_case_outcomes_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_pkey" PRIMARY KEY("project_id","user_id","account_scope_id");--> statement-breakpoint
ALTER TABLE "project_snapshots" ADD CONSTRAINT "project_snapshots_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "project_sources" ADD CONSTRAINT "project_sources_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "rag_chunks" ADD CONSTRAINT "rag_chunks_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "recommendation_action_runs" ADD CONSTRAINT "recommendation_action_runs_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "recommendations_v2" ADD CONSTRAINT "recommendations_v2_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "risk_radar_items" ADD CONSTRAINT "risk_radar_items_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "scheduled_jobs" ADD CONSTRAINT "scheduled_jobs_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "sync_watermarks" ADD CONSTRAINT "sync_watermarks_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "upsell_opportunities" ADD CONSTRAINT "upsell_opportunities_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_pkey" PRIMARY KEY("id_hash","account_scope_id");--> statement-breakpoint
ALTER TABLE "weekly_digests" ADD CONSTRAINT "weekly_digests_pkey" PRIMARY KEY("id","account_scope_id");--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash","account_scope_id");--> statement-breakpoint
ALTER TABLE "continuity_actions" ADD CONSTRAINT "continuity_actions_idempotency_key_unique" UNIQUE("idempotency_key","account_scope_id");--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_idempotency_key_unique" UNIQUE("idempotency_key","account_scope_id");--> statement-breakpoint
ALTER TABLE "recommendation_action_runs" ADD CONSTRAINT "recommendation_action_runs_idempotency_key_unique" UNIQUE("idempotency_key","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "analytics_comms_snapshots_uq" ON "analytics_comms_snapshots" USING btree ("project_id","snapshot_date","period_days","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "analytics_delivery_snapshots_uq" ON "analytics_delivery_snapshots" USING btree ("project_id","snapshot_date","period_days","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "analytics_revenue_snapshots_currency_uq" ON "analytics_revenue_snapshots" USING btree ("project_id","snapshot_date","period_days","currency","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_signatures_snapshot_version_uq" ON "case_signatures" USING btree ("snapshot_id","signature_version","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "connector_errors_dedupe_uq" ON "connector_errors" USING btree ("project_id","connector","dedupe_key","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "connector_sync_runs_running_uq" ON "connector_sync_runs" USING btree ("project_id","target","account_scope_id") WHERE status = 'running';--> statement-breakpoint
CREATE UNIQUE INDEX "connector_sync_state_project_connector_uq" ON "connector_sync_state" USING btree ("project_id","connector","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_channel_policies_contact_channel_uq" ON "contact_channel_policies" USING btree ("project_id","contact_ref","channel","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "daily_digests_project_date_locale_uq" ON "daily_digests" USING btree ("project_id","digest_date","locale","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "digest_deliveries_user_period_channel_uq" ON "digest_deliveries" USING btree ("user_id","kind","period_key","channel","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_citations_item_citing_uq" ON "evidence_citations" USING btree ("evidence_item_id","citing_table","citing_id","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_items_project_source_uq" ON "evidence_items" USING btree ("project_id","source_table","source_ref","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "health_scores_project_asof_uq" ON "health_scores" USING btree ("project_id","as_of","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "identity_link_suggestions_pair_uq" ON "identity_link_suggestions" USING btree ("project_id","left_kind","left_ref","right_kind","right_ref","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "identity_links_pair_uq" ON "identity_links" USING btree ("project_id","left_kind","left_ref","right_kind","right_ref","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "kag_edges_from_to_type_uq" ON "kag_edges" USING btree ("from_node_id","to_node_id","edge_type","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "kag_events_project_source_ref_kind_uq" ON "kag_events" USING btree ("project_id","source","source_ref","kind","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "kag_nodes_project_type_key_uq" ON "kag_nodes" USING btree ("project_id","node_type","node_key","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "kag_recommendations_project_rule_subject_uq" ON "kag_recommendations" USING btree ("project_id","rule_key","subject_key","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "kag_risk_forecasts_project_horizon_asof_uq" ON "kag_risk_forecasts" USING btree ("project_id","horizon_days","as_of","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "kag_score_history_project_type_asof_uq" ON "kag_score_history" USING btree ("project_id","score_type","as_of","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "kag_scores_project_type_uq" ON "kag_scores" USING btree ("project_id","score_type","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "kag_signal_state_project_key_uq" ON "kag_signal_state" USING btree ("project_id","signal_key","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "kag_signals_project_key_subject_uq" ON "kag_signals" USING btree ("project_id","key","subject_key","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "next_best_actions_project_dedupe_uq" ON "next_best_actions" USING btree ("project_id","dedupe_key","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outbound_attempts_message_attempt_uq" ON "outbound_attempts" USING btree ("outbound_message_id","attempt_no","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "past_case_outcomes_snapshot_horizon_uq" ON "past_case_outcomes" USING btree ("snapshot_id","horizon_days","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_snapshots_project_date_uq" ON "project_snapshots" USING btree ("project_id","snapshot_date","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "recommendations_v2_open_subject_uq" ON "recommendations_v2" USING btree ("project_id","type","subject_key","account_scope_id") WHERE status in ('new', 'shown', 'accepted', 'snoozed', 'suppressed');--> statement-breakpoint
CREATE UNIQUE INDEX "risk_radar_items_project_dedupe_uq" ON "risk_radar_items" USING btree ("project_id","dedupe_key","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "scheduled_jobs_project_type_uq" ON "scheduled_jobs" USING btree ("project_id","job_type","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "signals_project_dedupe_uq" ON "signals" USING btree ("project_id","dedupe_key","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_watermarks_project_source_resource_uq" ON "sync_watermarks" USING btree ("project_id","source","resource","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "upsell_opportunities_project_dedupe_uq" ON "upsell_opportunities" USING btree ("project_id","dedupe_key","account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "weekly_digests_project_week_locale_uq" ON "weekly_digests" USING btree ("project_id","week_start","locale","account_scope_id");--> statement-breakpoint
-- Foreign keys between workspace tables pair account_scope_id with account_scope_id.
ALTER TABLE "analytics_comms_snapshots" ADD CONSTRAINT "analytics_comms_snapshots_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_delivery_snapshots" ADD CONSTRAINT "analytics_delivery_snapshots_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_revenue_snapshots" ADD CONSTRAINT "analytics_revenue_snapshots_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attio_accounts_raw" ADD CONSTRAINT "attio_accounts_raw_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE SET NULL ("project_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attio_activities_raw" ADD CONSTRAINT "attio_activities_raw_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE SET NULL ("project_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attio_opportunities_raw" ADD CONSTRAINT "attio_opportunities_raw_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE SET NULL ("project_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attio_people_raw" ADD CONSTRAINT "attio_people_raw_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE SET NULL ("project_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE SET NULL ("project_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_signatures" ADD CONSTRAINT "case_signatures_snapshot_id_fk" FOREIGN KEY ("account_scope_id","snapshot_id") REFERENCES "public"."project_snapshots"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_signatures" ADD CONSTRAINT "case_signatures_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connector_errors" ADD CONSTRAINT "connector_errors_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connector_sync_runs" ADD CONSTRAINT "connector_sync_runs_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connector_sync_state" ADD CONSTRAINT "connector_sync_state_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_channel_policies" ADD CONSTRAINT "contact_channel_policies_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "continuity_actions" ADD CONSTRAINT "continuity_actions_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_accounts" ADD CONSTRAINT "crm_accounts_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE SET NULL ("project_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_opportunities" ADD CONSTRAINT "crm_opportunities_crm_account_id_fk" FOREIGN KEY ("account_scope_id","crm_account_id") REFERENCES "public"."crm_accounts"("account_scope_id","id") ON DELETE SET NULL ("crm_account_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_opportunities" ADD CONSTRAINT "crm_opportunities_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE SET NULL ("project_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cw_attachments_raw" ADD CONSTRAINT "cw_attachments_raw_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE SET NULL ("project_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cw_contacts" ADD CONSTRAINT "cw_contacts_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE SET NULL ("project_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cw_conversations" ADD CONSTRAINT "cw_conversations_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE SET NULL ("project_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cw_inboxes_raw" ADD CONSTRAINT "cw_inboxes_raw_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE SET NULL ("project_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cw_messages" ADD CONSTRAINT "cw_messages_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE SET NULL ("project_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_digests" ADD CONSTRAINT "daily_digests_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_citations" ADD CONSTRAINT "evidence_citations_evidence_item_id_fk" FOREIGN KEY ("account_scope_id","evidence_item_id") REFERENCES "public"."evidence_items"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_citations" ADD CONSTRAINT "evidence_citations_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_scores" ADD CONSTRAINT "health_scores_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_link_suggestions" ADD CONSTRAINT "identity_link_suggestions_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_links" ADD CONSTRAINT "identity_links_suggestion_id_fk" FOREIGN KEY ("account_scope_id","suggestion_id") REFERENCES "public"."identity_link_suggestions"("account_scope_id","id") ON DELETE SET NULL ("suggestion_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_links" ADD CONSTRAINT "identity_links_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_runs" ADD CONSTRAINT "job_runs_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_runs" ADD CONSTRAINT "job_runs_scheduled_job_id_fk" FOREIGN KEY ("account_scope_id","scheduled_job_id") REFERENCES "public"."scheduled_jobs"("account_scope_id","id") ON DELETE SET NULL ("scheduled_job_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_edges" ADD CONSTRAINT "kag_edges_from_node_id_fk" FOREIGN KEY ("account_scope_id","from_node_id") REFERENCES "public"."kag_nodes"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_edges" ADD CONSTRAINT "kag_edges_to_node_id_fk" FOREIGN KEY ("account_scope_id","to_node_id") REFERENCES "public"."kag_nodes"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_edges" ADD CONSTRAINT "kag_edges_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_event_log" ADD CONSTRAINT "kag_event_log_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_events" ADD CONSTRAINT "kag_events_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_nodes" ADD CONSTRAINT "kag_nodes_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_recommendations" ADD CONSTRAINT "kag_recommendations_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_risk_forecasts" ADD CONSTRAINT "kag_risk_forecasts_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_score_history" ADD CONSTRAINT "kag_score_history_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_scores" ADD CONSTRAINT "kag_scores_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_signal_history" ADD CONSTRAINT "kag_signal_history_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_signal_state" ADD CONSTRAINT "kag_signal_state_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_signals" ADD CONSTRAINT "kag_signals_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "linear_cycles_raw" ADD CONSTRAINT "linear_cycles_raw_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE SET NULL ("project_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "linear_issues_raw" ADD CONSTRAINT "linear_issues_raw_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE SET NULL ("project_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "linear_projects_raw" ADD CONSTRAINT "linear_projects_raw_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE SET NULL ("project_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "linear_states_raw" ADD CONSTRAINT "linear_states_raw_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE SET NULL ("project_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "next_best_actions" ADD CONSTRAINT "next_best_actions_signal_id_fk" FOREIGN KEY ("account_scope_id","signal_id") REFERENCES "public"."signals"("account_scope_id","id") ON DELETE SET NULL ("signal_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "next_best_actions" ADD CONSTRAINT "next_best_actions_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_crm_opportunity_id_fk" FOREIGN KEY ("account_scope_id","crm_opportunity_id") REFERENCES "public"."crm_opportunities"("account_scope_id","id") ON DELETE SET NULL ("crm_opportunity_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_crm_account_id_fk" FOREIGN KEY ("account_scope_id","crm_account_id") REFERENCES "public"."crm_accounts"("account_scope_id","id") ON DELETE SET NULL ("crm_account_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_attempts" ADD CONSTRAINT "outbound_attempts_outbound_message_id_fk" FOREIGN KEY ("account_scope_id","outbound_message_id") REFERENCES "public"."outbound_messages"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_attempts" ADD CONSTRAINT "outbound_attempts_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_recommendation_id_fk" FOREIGN KEY ("account_scope_id","recommendation_id") REFERENCES "public"."recommendations_v2"("account_scope_id","id") ON DELETE SET NULL ("recommendation_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_offer_id_fk" FOREIGN KEY ("account_scope_id","offer_id") REFERENCES "public"."offers"("account_scope_id","id") ON DELETE SET NULL ("offer_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "past_case_outcomes" ADD CONSTRAINT "past_case_outcomes_snapshot_id_fk" FOREIGN KEY ("account_scope_id","snapshot_id") REFERENCES "public"."project_snapshots"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "past_case_outcomes" ADD CONSTRAINT "past_case_outcomes_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_snapshots" ADD CONSTRAINT "project_snapshots_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_sources" ADD CONSTRAINT "project_sources_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rag_chunks" ADD CONSTRAINT "rag_chunks_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_action_runs" ADD CONSTRAINT "recommendation_action_runs_recommendation_id_fk" FOREIGN KEY ("account_scope_id","recommendation_id") REFERENCES "public"."recommendations_v2"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_action_runs" ADD CONSTRAINT "recommendation_action_runs_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations_v2" ADD CONSTRAINT "recommendations_v2_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_radar_items" ADD CONSTRAINT "risk_radar_items_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_jobs" ADD CONSTRAINT "scheduled_jobs_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_watermarks" ADD CONSTRAINT "sync_watermarks_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upsell_opportunities" ADD CONSTRAINT "upsell_opportunities_crm_account_id_fk" FOREIGN KEY ("account_scope_id","crm_account_id") REFERENCES "public"."crm_accounts"("account_scope_id","id") ON DELETE SET NULL ("crm_account_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upsell_opportunities" ADD CONSTRAINT "upsell_opportunities_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_active_project_id_fk" FOREIGN KEY ("account_scope_id","active_project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE SET NULL ("active_project_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weekly_digests" ADD CONSTRAINT "weekly_digests_project_id_fk" FOREIGN KEY ("account_scope_id","project_id") REFERENCES "public"."projects"("account_scope_id","id") ON DELETE cascade ON UPDATE no action;
