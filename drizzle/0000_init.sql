CREATE TABLE "account_scopes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_scopes_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "analytics_comms_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"snapshot_date" date NOT NULL,
	"period_days" integer NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"inbound_messages" integer DEFAULT 0 NOT NULL,
	"outbound_messages" integer DEFAULT 0 NOT NULL,
	"conversations_opened" integer DEFAULT 0 NOT NULL,
	"conversations_resolved" integer DEFAULT 0 NOT NULL,
	"first_response_p50_minutes" real,
	"first_response_p90_minutes" real,
	"sla_compliance" real,
	"negative_share" real
);
--> statement-breakpoint
CREATE TABLE "analytics_delivery_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"snapshot_date" date NOT NULL,
	"period_days" integer NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"open_issues" integer DEFAULT 0 NOT NULL,
	"completed_issues" integer DEFAULT 0 NOT NULL,
	"overdue_issues" integer DEFAULT 0 NOT NULL,
	"stalled_issues" integer DEFAULT 0 NOT NULL,
	"blocked_issues" integer DEFAULT 0 NOT NULL,
	"bugs_created" integer DEFAULT 0 NOT NULL,
	"throughput_per_week" real,
	"cycle_time_p50_hours" real,
	"cycle_time_p85_hours" real
);
--> statement-breakpoint
CREATE TABLE "analytics_revenue_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"snapshot_date" date NOT NULL,
	"period_days" integer NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"currency" text NOT NULL,
	"pipeline_minor" bigint DEFAULT 0 NOT NULL,
	"weighted_pipeline_minor" bigint DEFAULT 0 NOT NULL,
	"won_minor" bigint DEFAULT 0 NOT NULL,
	"lost_minor" bigint DEFAULT 0 NOT NULL,
	"revenue_at_risk_minor" bigint DEFAULT 0 NOT NULL,
	"open_deals" integer DEFAULT 0 NOT NULL,
	"won_deals" integer DEFAULT 0 NOT NULL,
	"lost_deals" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "attio_accounts_raw" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid,
	"attio_record_id" text NOT NULL,
	"name" text,
	"primary_domain" text,
	"domains" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"web_url" text,
	"created_at_source" timestamp with time zone,
	"source_updated_at" timestamp with time zone,
	"raw_hash" text,
	"deleted_at" timestamp with time zone,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attio_activities_raw" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid,
	"attio_activity_id" text NOT NULL,
	"kind" text NOT NULL,
	"parent_object" text,
	"parent_record_id" text,
	"title" text,
	"content" text,
	"created_by_actor_id" text,
	"occurred_at" timestamp with time zone,
	"deadline_at" timestamp with time zone,
	"is_completed" boolean,
	"completed_at" timestamp with time zone,
	"created_at_source" timestamp with time zone,
	"source_updated_at" timestamp with time zone,
	"raw_hash" text,
	"deleted_at" timestamp with time zone,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attio_opportunities_raw" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid,
	"attio_record_id" text NOT NULL,
	"name" text,
	"stage" text,
	"status" text DEFAULT 'open' NOT NULL,
	"stage_changed_at" timestamp with time zone,
	"amount_minor" bigint,
	"currency" text,
	"expected_close_date" date,
	"owner_actor_id" text,
	"company_record_id" text,
	"person_record_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"web_url" text,
	"created_at_source" timestamp with time zone,
	"source_updated_at" timestamp with time zone,
	"raw_hash" text,
	"deleted_at" timestamp with time zone,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attio_people_raw" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid,
	"attio_record_id" text NOT NULL,
	"full_name" text,
	"first_name" text,
	"last_name" text,
	"primary_email" text,
	"emails" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"phone_numbers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"job_title" text,
	"company_record_id" text,
	"web_url" text,
	"created_at_source" timestamp with time zone,
	"source_updated_at" timestamp with time zone,
	"raw_hash" text,
	"deleted_at" timestamp with time zone,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid,
	"actor_user_id" uuid,
	"actor_type" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text,
	"entity_id" text,
	"status" text DEFAULT 'ok' NOT NULL,
	"request_id" text,
	"ip" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"evidence_refs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"snapshot_id" uuid NOT NULL,
	"snapshot_date" date NOT NULL,
	"vector" real[] NOT NULL,
	"dims" integer NOT NULL,
	"signature_version" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_signatures_dims_ck" CHECK (cardinality(vector) = dims)
);
--> statement-breakpoint
CREATE TABLE "connector_credentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"connector" text NOT NULL,
	"ciphertext" text NOT NULL,
	"iv" text NOT NULL,
	"auth_tag" text NOT NULL,
	"key_version" integer DEFAULT 1 NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connector_errors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"connector" text NOT NULL,
	"operation" text NOT NULL,
	"source_ref" text,
	"dedupe_key" text NOT NULL,
	"error_kind" text NOT NULL,
	"error_message" text NOT NULL,
	"http_status" integer,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_retry_at" timestamp with time zone,
	"last_attempt_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connector_sync_state" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"connector" text NOT NULL,
	"status" text DEFAULT 'idle' NOT NULL,
	"mode" text,
	"last_started_at" timestamp with time zone,
	"last_finished_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error" text,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"last_run_stats" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_channel_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"contact_ref" text NOT NULL,
	"channel" text NOT NULL,
	"opted_out" boolean DEFAULT false NOT NULL,
	"opted_out_at" timestamp with time zone,
	"opt_out_reason" text,
	"max_messages_per_window" integer,
	"window_hours" integer,
	"quiet_hours_start_minute" integer,
	"quiet_hours_end_minute" integer,
	"timezone" text,
	"last_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "continuity_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"action_type" text NOT NULL,
	"target_ref" text NOT NULL,
	"title" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'previewed' NOT NULL,
	"idempotency_key" text NOT NULL,
	"external_id" text,
	"error" text,
	"applied_at" timestamp with time zone,
	"applied_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "continuity_actions_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "crm_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid,
	"source" text NOT NULL,
	"external_ref" text,
	"name" text NOT NULL,
	"domain" text,
	"status" text DEFAULT 'active' NOT NULL,
	"owner_name" text,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "crm_opportunities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid,
	"crm_account_id" uuid,
	"source" text NOT NULL,
	"external_ref" text,
	"title" text NOT NULL,
	"stage" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"amount_minor" bigint DEFAULT 0 NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"probability" real,
	"expected_close_date" date,
	"stage_changed_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"owner_name" text,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cw_attachments_raw" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid,
	"cw_attachment_id" bigint NOT NULL,
	"cw_message_id" bigint NOT NULL,
	"cw_conversation_id" bigint NOT NULL,
	"file_type" text NOT NULL,
	"extension" text,
	"data_url" text,
	"thumb_url" text,
	"file_size" bigint,
	"created_at_source" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cw_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid,
	"cw_contact_id" bigint NOT NULL,
	"name" text,
	"email" text,
	"phone_number" text,
	"identifier" text,
	"company_name" text,
	"blocked" boolean DEFAULT false NOT NULL,
	"last_activity_at_source" timestamp with time zone,
	"created_at_source" timestamp with time zone,
	"source_updated_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cw_conversations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid,
	"cw_conversation_id" bigint NOT NULL,
	"display_id" integer,
	"cw_inbox_id" bigint,
	"cw_contact_id" bigint,
	"assignee_id" bigint,
	"team_id" bigint,
	"status" text NOT NULL,
	"priority" text,
	"labels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"unread_count" integer DEFAULT 0 NOT NULL,
	"waiting_since" timestamp with time zone,
	"first_reply_created_at" timestamp with time zone,
	"snoozed_until" timestamp with time zone,
	"last_activity_at" timestamp with time zone,
	"created_at_source" timestamp with time zone NOT NULL,
	"source_updated_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cw_inboxes_raw" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid,
	"cw_inbox_id" bigint NOT NULL,
	"name" text NOT NULL,
	"channel_type" text NOT NULL,
	"timezone" text,
	"deleted_at" timestamp with time zone,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cw_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid,
	"cw_message_id" bigint NOT NULL,
	"cw_conversation_id" bigint NOT NULL,
	"cw_inbox_id" bigint,
	"cw_contact_id" bigint,
	"message_type" text NOT NULL,
	"private" boolean DEFAULT false NOT NULL,
	"sender_type" text,
	"sender_id" bigint,
	"sender_name" text,
	"content_type" text,
	"status" text,
	"content" text,
	"has_attachments" boolean DEFAULT false NOT NULL,
	"created_at_source" timestamp with time zone NOT NULL,
	"source_updated_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "daily_digests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"sections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rendered_text" text NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"digest_date" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "db_capabilities" (
	"name" text PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"detail" text,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"source_table" text NOT NULL,
	"source_ref" text NOT NULL,
	"kind" text NOT NULL,
	"snippet" text NOT NULL,
	"occurred_at" timestamp with time zone,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"search_tsv" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', "snippet")) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"score" real NOT NULL,
	"band" text NOT NULL,
	"components" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"top_contributors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"config_version" text NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "health_scores_score_ck" CHECK (score >= 0 and score <= 100)
);
--> statement-breakpoint
CREATE TABLE "identity_link_suggestions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"left_kind" text NOT NULL,
	"left_ref" text NOT NULL,
	"right_kind" text NOT NULL,
	"right_ref" text NOT NULL,
	"confidence" real NOT NULL,
	"matched_fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"left_kind" text NOT NULL,
	"left_ref" text NOT NULL,
	"right_kind" text NOT NULL,
	"right_ref" text NOT NULL,
	"person_key" text NOT NULL,
	"confidence" real NOT NULL,
	"suggestion_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid,
	"project_id" uuid,
	"job_type" text NOT NULL,
	"trigger" text DEFAULT 'manual' NOT NULL,
	"scheduled_job_id" uuid,
	"worker_run_id" uuid,
	"status" text DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	"progress" real,
	"error" text,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kag_edges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"from_node_id" uuid NOT NULL,
	"to_node_id" uuid NOT NULL,
	"edge_type" text NOT NULL,
	"weight" real,
	"props" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kag_event_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid,
	"project_id" uuid,
	"process" text NOT NULL,
	"status" text NOT NULL,
	"run_id" uuid,
	"message" text,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"timings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	"error" text,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kag_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"source_ref" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor" text,
	"actor_ref" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kag_nodes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"node_type" text NOT NULL,
	"node_key" text NOT NULL,
	"label" text,
	"props" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kag_recommendations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"rule_key" text NOT NULL,
	"subject_key" text DEFAULT '' NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"priority" real NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"signal_keys" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"config_version" text NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kag_risk_forecasts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"horizon_days" integer NOT NULL,
	"probability" real NOT NULL,
	"drivers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"similar_cases" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"data_sufficient" boolean DEFAULT true NOT NULL,
	"insufficiency_reason" text,
	"model_version" text NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kag_risk_forecasts_horizon_ck" CHECK (horizon_days in (7, 14, 30)),
	CONSTRAINT "kag_risk_forecasts_probability_ck" CHECK (probability >= 0 and probability <= 1)
);
--> statement-breakpoint
CREATE TABLE "kag_score_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"score_type" text NOT NULL,
	"value" real NOT NULL,
	"components" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"top_contributors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"config_version" text NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kag_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"score_type" text NOT NULL,
	"value" real NOT NULL,
	"components" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"top_contributors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"config_version" text NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kag_scores_value_ck" CHECK (value >= 0 and value <= 100)
);
--> statement-breakpoint
CREATE TABLE "kag_signal_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"key" text NOT NULL,
	"category" text NOT NULL,
	"subject_key" text DEFAULT '' NOT NULL,
	"change" text NOT NULL,
	"severity" real NOT NULL,
	"value" real,
	"sentence" text,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"config_version" text NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kag_signal_history_severity_ck" CHECK (severity >= 0 and severity <= 1)
);
--> statement-breakpoint
CREATE TABLE "kag_signal_state" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"signal_key" text NOT NULL,
	"state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"cursor_occurred_at" timestamp with time zone,
	"cursor_event_id" uuid,
	"config_version" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kag_signals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"key" text NOT NULL,
	"category" text NOT NULL,
	"subject_key" text DEFAULT '' NOT NULL,
	"severity" real NOT NULL,
	"value" real,
	"title" text NOT NULL,
	"sentence" text NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"first_detected_at" timestamp with time zone NOT NULL,
	"config_version" text NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kag_signals_severity_ck" CHECK (severity >= 0 and severity <= 1)
);
--> statement-breakpoint
CREATE TABLE "linear_cycles_raw" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid,
	"linear_cycle_id" text NOT NULL,
	"team_id" text NOT NULL,
	"number" integer NOT NULL,
	"name" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"progress" real,
	"archived_at" timestamp with time zone,
	"source_updated_at" timestamp with time zone,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "linear_issues_raw" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid,
	"linear_issue_id" text NOT NULL,
	"identifier" text NOT NULL,
	"number" integer,
	"title" text NOT NULL,
	"description" text,
	"url" text,
	"priority" integer DEFAULT 0 NOT NULL,
	"estimate" real,
	"due_date" date,
	"state_id" text,
	"state_name" text,
	"state_type" text,
	"team_id" text,
	"team_key" text,
	"linear_project_id" text,
	"linear_cycle_id" text,
	"parent_id" text,
	"assignee_id" text,
	"assignee_name" text,
	"assignee_email" text,
	"labels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at_source" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"canceled_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"trashed" boolean DEFAULT false NOT NULL,
	"source_updated_at" timestamp with time zone NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "linear_projects_raw" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid,
	"linear_project_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"url" text,
	"status_type" text,
	"status_name" text,
	"health" text,
	"priority" integer,
	"progress" real,
	"lead_id" text,
	"start_date" date,
	"target_date" date,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"canceled_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"source_updated_at" timestamp with time zone,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "linear_states_raw" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid,
	"linear_state_id" text NOT NULL,
	"team_id" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"color" text,
	"position" real,
	"archived_at" timestamp with time zone,
	"source_updated_at" timestamp with time zone,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"ip" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "next_best_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"signal_id" uuid,
	"action_type" text NOT NULL,
	"title" text NOT NULL,
	"rationale" text NOT NULL,
	"priority" real NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"due_at" timestamp with time zone,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"crm_account_id" uuid,
	"crm_opportunity_id" uuid,
	"title" text NOT NULL,
	"description" text,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"discount_pct" real DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"discount_approved_by" uuid,
	"discount_approved_at" timestamp with time zone,
	"send_approved_by" uuid,
	"send_approved_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbound_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"outbound_message_id" uuid NOT NULL,
	"attempt_no" integer NOT NULL,
	"status" text NOT NULL,
	"error" text,
	"response" jsonb,
	"external_message_id" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outbound_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"contact_ref" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"block_reason" text,
	"idempotency_key" text NOT NULL,
	"offer_id" uuid,
	"recommendation_id" uuid,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"scheduled_for" timestamp with time zone,
	"next_attempt_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"external_message_id" text,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbound_messages_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "past_case_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"snapshot_id" uuid NOT NULL,
	"window_start" date NOT NULL,
	"window_end" date NOT NULL,
	"horizon_days" integer DEFAULT 30 NOT NULL,
	"risk_event" boolean NOT NULL,
	"event_kind" text,
	"event_at" timestamp with time zone,
	"labeled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_members" (
	"project_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_members_project_id_user_id_pk" PRIMARY KEY("project_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "project_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"snapshot_date" date NOT NULL,
	"health" real,
	"risk" real,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"signals" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"metrics" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"config_version" text NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"source_kind" text NOT NULL,
	"external_id" text NOT NULL,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"client_name" text,
	"status" text DEFAULT 'active' NOT NULL,
	"contract_value_minor" bigint,
	"currency" text DEFAULT 'USD' NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rag_chunks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"source" text DEFAULT 'chatwoot' NOT NULL,
	"conversation_external_id" text NOT NULL,
	"contact_external_id" text,
	"message_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"first_message_at" timestamp with time zone,
	"last_message_at" timestamp with time zone,
	"chunk_index" integer NOT NULL,
	"text" text NOT NULL,
	"content_hash" text NOT NULL,
	"token_estimate" integer NOT NULL,
	"embedding_status" text DEFAULT 'pending' NOT NULL,
	"embedding_model" text,
	"embedding_dim" integer,
	"embedded_at" timestamp with time zone,
	"embedding_attempts" integer DEFAULT 0 NOT NULL,
	"embedding_error" text,
	"search_tsv" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', "text"), 'A') || setweight(to_tsvector('russian', "text"), 'B')) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recommendation_action_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"action_type" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_retry_at" timestamp with time zone,
	"request" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"result" jsonb,
	"external_id" text,
	"external_url" text,
	"requested_by" uuid,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendation_action_runs_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "recommendations_v2" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"type" text NOT NULL,
	"subject_key" text DEFAULT '' NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"suppression_reason" text,
	"priority" real NOT NULL,
	"severity" real NOT NULL,
	"confidence" real NOT NULL,
	"signal_keys" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"suggested_action" jsonb,
	"snoozed_until" timestamp with time zone,
	"first_shown_at" timestamp with time zone,
	"status_changed_at" timestamp with time zone,
	"status_changed_by" uuid,
	"feedback" text,
	"feedback_comment" text,
	"feedback_at" timestamp with time zone,
	"feedback_by" uuid,
	"config_version" text NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendations_v2_scores_ck" CHECK (severity between 0 and 1 and confidence between 0 and 1)
);
--> statement-breakpoint
CREATE TABLE "risk_radar_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"risk_type" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"severity" real NOT NULL,
	"probability" real,
	"exposure_minor" bigint,
	"currency" text,
	"mitigation" text,
	"status" text DEFAULT 'open' NOT NULL,
	"signal_keys" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"dedupe_key" text NOT NULL,
	"config_version" text NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_radar_items_severity_ck" CHECK (severity >= 0 and severity <= 1)
);
--> statement-breakpoint
CREATE TABLE "scheduled_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"job_type" text NOT NULL,
	"cadence_seconds" integer NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"disabled_reason" text,
	"status" text DEFAULT 'idle' NOT NULL,
	"next_run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_run_at" timestamp with time zone,
	"last_finished_at" timestamp with time zone,
	"lease_owner" text,
	"lease_expires_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"key" text NOT NULL,
	"category" text NOT NULL,
	"source" text NOT NULL,
	"source_ref" text NOT NULL,
	"severity" real NOT NULL,
	"confidence" real DEFAULT 1 NOT NULL,
	"title" text NOT NULL,
	"sentence" text NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"dedupe_key" text NOT NULL,
	"config_version" text NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signals_severity_ck" CHECK (severity >= 0 and severity <= 1)
);
--> statement-breakpoint
CREATE TABLE "sync_watermarks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"source" text NOT NULL,
	"resource" text NOT NULL,
	"cursor_ts" timestamp with time zone,
	"cursor_id" text,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "upsell_opportunities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"crm_account_id" uuid,
	"cue" text NOT NULL,
	"title" text NOT NULL,
	"rationale" text NOT NULL,
	"score" real NOT NULL,
	"estimated_value_minor" bigint,
	"currency" text,
	"status" text DEFAULT 'proposed' NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"dedupe_key" text NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"active_project_id" uuid,
	"csrf_token" text NOT NULL,
	"user_agent" text,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"disabled_at" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "weekly_digests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"sections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rendered_text" text NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"week_start" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "worker_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"worker_id" text NOT NULL,
	"hostname" text,
	"pid" integer,
	"mode" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"jobs_claimed" integer DEFAULT 0 NOT NULL,
	"jobs_succeeded" integer DEFAULT 0 NOT NULL,
	"jobs_failed" integer DEFAULT 0 NOT NULL,
	"error" text,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspace_members" (
	"account_scope_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspace_members_account_scope_id_user_id_pk" PRIMARY KEY("account_scope_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "analytics_comms_snapshots" ADD CONSTRAINT "analytics_comms_snapshots_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_comms_snapshots" ADD CONSTRAINT "analytics_comms_snapshots_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_delivery_snapshots" ADD CONSTRAINT "analytics_delivery_snapshots_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_delivery_snapshots" ADD CONSTRAINT "analytics_delivery_snapshots_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_revenue_snapshots" ADD CONSTRAINT "analytics_revenue_snapshots_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_revenue_snapshots" ADD CONSTRAINT "analytics_revenue_snapshots_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attio_accounts_raw" ADD CONSTRAINT "attio_accounts_raw_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attio_accounts_raw" ADD CONSTRAINT "attio_accounts_raw_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attio_activities_raw" ADD CONSTRAINT "attio_activities_raw_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attio_activities_raw" ADD CONSTRAINT "attio_activities_raw_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attio_opportunities_raw" ADD CONSTRAINT "attio_opportunities_raw_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attio_opportunities_raw" ADD CONSTRAINT "attio_opportunities_raw_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attio_people_raw" ADD CONSTRAINT "attio_people_raw_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attio_people_raw" ADD CONSTRAINT "attio_people_raw_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_signatures" ADD CONSTRAINT "case_signatures_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_signatures" ADD CONSTRAINT "case_signatures_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_signatures" ADD CONSTRAINT "case_signatures_snapshot_id_project_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."project_snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connector_credentials" ADD CONSTRAINT "connector_credentials_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connector_errors" ADD CONSTRAINT "connector_errors_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connector_errors" ADD CONSTRAINT "connector_errors_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connector_sync_state" ADD CONSTRAINT "connector_sync_state_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connector_sync_state" ADD CONSTRAINT "connector_sync_state_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_channel_policies" ADD CONSTRAINT "contact_channel_policies_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_channel_policies" ADD CONSTRAINT "contact_channel_policies_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "continuity_actions" ADD CONSTRAINT "continuity_actions_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "continuity_actions" ADD CONSTRAINT "continuity_actions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "continuity_actions" ADD CONSTRAINT "continuity_actions_applied_by_users_id_fk" FOREIGN KEY ("applied_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_accounts" ADD CONSTRAINT "crm_accounts_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_accounts" ADD CONSTRAINT "crm_accounts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_opportunities" ADD CONSTRAINT "crm_opportunities_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_opportunities" ADD CONSTRAINT "crm_opportunities_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_opportunities" ADD CONSTRAINT "crm_opportunities_crm_account_id_crm_accounts_id_fk" FOREIGN KEY ("crm_account_id") REFERENCES "public"."crm_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cw_attachments_raw" ADD CONSTRAINT "cw_attachments_raw_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cw_attachments_raw" ADD CONSTRAINT "cw_attachments_raw_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cw_contacts" ADD CONSTRAINT "cw_contacts_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cw_contacts" ADD CONSTRAINT "cw_contacts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cw_conversations" ADD CONSTRAINT "cw_conversations_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cw_conversations" ADD CONSTRAINT "cw_conversations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cw_inboxes_raw" ADD CONSTRAINT "cw_inboxes_raw_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cw_inboxes_raw" ADD CONSTRAINT "cw_inboxes_raw_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cw_messages" ADD CONSTRAINT "cw_messages_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cw_messages" ADD CONSTRAINT "cw_messages_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_digests" ADD CONSTRAINT "daily_digests_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_digests" ADD CONSTRAINT "daily_digests_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_scores" ADD CONSTRAINT "health_scores_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_scores" ADD CONSTRAINT "health_scores_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_link_suggestions" ADD CONSTRAINT "identity_link_suggestions_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_link_suggestions" ADD CONSTRAINT "identity_link_suggestions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_link_suggestions" ADD CONSTRAINT "identity_link_suggestions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_links" ADD CONSTRAINT "identity_links_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_links" ADD CONSTRAINT "identity_links_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_links" ADD CONSTRAINT "identity_links_suggestion_id_identity_link_suggestions_id_fk" FOREIGN KEY ("suggestion_id") REFERENCES "public"."identity_link_suggestions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_links" ADD CONSTRAINT "identity_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_runs" ADD CONSTRAINT "job_runs_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_runs" ADD CONSTRAINT "job_runs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_runs" ADD CONSTRAINT "job_runs_scheduled_job_id_scheduled_jobs_id_fk" FOREIGN KEY ("scheduled_job_id") REFERENCES "public"."scheduled_jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_runs" ADD CONSTRAINT "job_runs_worker_run_id_worker_runs_id_fk" FOREIGN KEY ("worker_run_id") REFERENCES "public"."worker_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_edges" ADD CONSTRAINT "kag_edges_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_edges" ADD CONSTRAINT "kag_edges_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_edges" ADD CONSTRAINT "kag_edges_from_node_id_kag_nodes_id_fk" FOREIGN KEY ("from_node_id") REFERENCES "public"."kag_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_edges" ADD CONSTRAINT "kag_edges_to_node_id_kag_nodes_id_fk" FOREIGN KEY ("to_node_id") REFERENCES "public"."kag_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_event_log" ADD CONSTRAINT "kag_event_log_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_event_log" ADD CONSTRAINT "kag_event_log_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_events" ADD CONSTRAINT "kag_events_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_events" ADD CONSTRAINT "kag_events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_nodes" ADD CONSTRAINT "kag_nodes_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_nodes" ADD CONSTRAINT "kag_nodes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_recommendations" ADD CONSTRAINT "kag_recommendations_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_recommendations" ADD CONSTRAINT "kag_recommendations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_risk_forecasts" ADD CONSTRAINT "kag_risk_forecasts_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_risk_forecasts" ADD CONSTRAINT "kag_risk_forecasts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_score_history" ADD CONSTRAINT "kag_score_history_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_score_history" ADD CONSTRAINT "kag_score_history_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_scores" ADD CONSTRAINT "kag_scores_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_scores" ADD CONSTRAINT "kag_scores_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_signal_history" ADD CONSTRAINT "kag_signal_history_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_signal_history" ADD CONSTRAINT "kag_signal_history_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_signal_state" ADD CONSTRAINT "kag_signal_state_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_signal_state" ADD CONSTRAINT "kag_signal_state_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_signals" ADD CONSTRAINT "kag_signals_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kag_signals" ADD CONSTRAINT "kag_signals_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "linear_cycles_raw" ADD CONSTRAINT "linear_cycles_raw_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "linear_cycles_raw" ADD CONSTRAINT "linear_cycles_raw_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "linear_issues_raw" ADD CONSTRAINT "linear_issues_raw_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "linear_issues_raw" ADD CONSTRAINT "linear_issues_raw_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "linear_projects_raw" ADD CONSTRAINT "linear_projects_raw_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "linear_projects_raw" ADD CONSTRAINT "linear_projects_raw_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "linear_states_raw" ADD CONSTRAINT "linear_states_raw_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "linear_states_raw" ADD CONSTRAINT "linear_states_raw_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "next_best_actions" ADD CONSTRAINT "next_best_actions_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "next_best_actions" ADD CONSTRAINT "next_best_actions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "next_best_actions" ADD CONSTRAINT "next_best_actions_signal_id_signals_id_fk" FOREIGN KEY ("signal_id") REFERENCES "public"."signals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_crm_account_id_crm_accounts_id_fk" FOREIGN KEY ("crm_account_id") REFERENCES "public"."crm_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_crm_opportunity_id_crm_opportunities_id_fk" FOREIGN KEY ("crm_opportunity_id") REFERENCES "public"."crm_opportunities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_discount_approved_by_users_id_fk" FOREIGN KEY ("discount_approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_send_approved_by_users_id_fk" FOREIGN KEY ("send_approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_attempts" ADD CONSTRAINT "outbound_attempts_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_attempts" ADD CONSTRAINT "outbound_attempts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_attempts" ADD CONSTRAINT "outbound_attempts_outbound_message_id_outbound_messages_id_fk" FOREIGN KEY ("outbound_message_id") REFERENCES "public"."outbound_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_recommendation_id_recommendations_v2_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations_v2"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "past_case_outcomes" ADD CONSTRAINT "past_case_outcomes_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "past_case_outcomes" ADD CONSTRAINT "past_case_outcomes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "past_case_outcomes" ADD CONSTRAINT "past_case_outcomes_snapshot_id_project_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."project_snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_snapshots" ADD CONSTRAINT "project_snapshots_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_snapshots" ADD CONSTRAINT "project_snapshots_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_sources" ADD CONSTRAINT "project_sources_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_sources" ADD CONSTRAINT "project_sources_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rag_chunks" ADD CONSTRAINT "rag_chunks_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rag_chunks" ADD CONSTRAINT "rag_chunks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_action_runs" ADD CONSTRAINT "recommendation_action_runs_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_action_runs" ADD CONSTRAINT "recommendation_action_runs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_action_runs" ADD CONSTRAINT "recommendation_action_runs_recommendation_id_recommendations_v2_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations_v2"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_action_runs" ADD CONSTRAINT "recommendation_action_runs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations_v2" ADD CONSTRAINT "recommendations_v2_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations_v2" ADD CONSTRAINT "recommendations_v2_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations_v2" ADD CONSTRAINT "recommendations_v2_status_changed_by_users_id_fk" FOREIGN KEY ("status_changed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations_v2" ADD CONSTRAINT "recommendations_v2_feedback_by_users_id_fk" FOREIGN KEY ("feedback_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_radar_items" ADD CONSTRAINT "risk_radar_items_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_radar_items" ADD CONSTRAINT "risk_radar_items_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_jobs" ADD CONSTRAINT "scheduled_jobs_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_jobs" ADD CONSTRAINT "scheduled_jobs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_watermarks" ADD CONSTRAINT "sync_watermarks_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_watermarks" ADD CONSTRAINT "sync_watermarks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upsell_opportunities" ADD CONSTRAINT "upsell_opportunities_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upsell_opportunities" ADD CONSTRAINT "upsell_opportunities_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upsell_opportunities" ADD CONSTRAINT "upsell_opportunities_crm_account_id_crm_accounts_id_fk" FOREIGN KEY ("crm_account_id") REFERENCES "public"."crm_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_active_project_id_projects_id_fk" FOREIGN KEY ("active_project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weekly_digests" ADD CONSTRAINT "weekly_digests_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weekly_digests" ADD CONSTRAINT "weekly_digests_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_members" ADD CONSTRAINT "workspace_members_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_members" ADD CONSTRAINT "workspace_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "analytics_comms_snapshots_uq" ON "analytics_comms_snapshots" USING btree ("project_id","snapshot_date","period_days");--> statement-breakpoint
CREATE UNIQUE INDEX "analytics_delivery_snapshots_uq" ON "analytics_delivery_snapshots" USING btree ("project_id","snapshot_date","period_days");--> statement-breakpoint
CREATE UNIQUE INDEX "analytics_revenue_snapshots_uq" ON "analytics_revenue_snapshots" USING btree ("project_id","snapshot_date","period_days");--> statement-breakpoint
CREATE INDEX "api_keys_scope_idx" ON "api_keys" USING btree ("account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attio_accounts_raw_scope_record_uq" ON "attio_accounts_raw" USING btree ("account_scope_id","attio_record_id");--> statement-breakpoint
CREATE INDEX "attio_accounts_raw_scope_domain_idx" ON "attio_accounts_raw" USING btree ("account_scope_id","primary_domain");--> statement-breakpoint
CREATE UNIQUE INDEX "attio_activities_raw_scope_activity_uq" ON "attio_activities_raw" USING btree ("account_scope_id","attio_activity_id");--> statement-breakpoint
CREATE INDEX "attio_activities_raw_project_time_idx" ON "attio_activities_raw" USING btree ("project_id","occurred_at");--> statement-breakpoint
CREATE INDEX "attio_activities_raw_scope_parent_idx" ON "attio_activities_raw" USING btree ("account_scope_id","parent_record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attio_opportunities_raw_scope_record_uq" ON "attio_opportunities_raw" USING btree ("account_scope_id","attio_record_id");--> statement-breakpoint
CREATE INDEX "attio_opportunities_raw_project_status_idx" ON "attio_opportunities_raw" USING btree ("project_id","status");--> statement-breakpoint
CREATE INDEX "attio_opportunities_raw_scope_company_idx" ON "attio_opportunities_raw" USING btree ("account_scope_id","company_record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attio_people_raw_scope_record_uq" ON "attio_people_raw" USING btree ("account_scope_id","attio_record_id");--> statement-breakpoint
CREATE INDEX "attio_people_raw_scope_email_idx" ON "attio_people_raw" USING btree ("account_scope_id","primary_email");--> statement-breakpoint
CREATE INDEX "audit_events_scope_time_idx" ON "audit_events" USING btree ("account_scope_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_events_project_time_idx" ON "audit_events" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_events_action_idx" ON "audit_events" USING btree ("action");--> statement-breakpoint
CREATE UNIQUE INDEX "case_signatures_snapshot_version_uq" ON "case_signatures" USING btree ("snapshot_id","signature_version");--> statement-breakpoint
CREATE INDEX "case_signatures_scope_version_idx" ON "case_signatures" USING btree ("account_scope_id","signature_version");--> statement-breakpoint
CREATE UNIQUE INDEX "connector_credentials_scope_connector_uq" ON "connector_credentials" USING btree ("account_scope_id","connector");--> statement-breakpoint
CREATE UNIQUE INDEX "connector_errors_dedupe_uq" ON "connector_errors" USING btree ("project_id","connector","dedupe_key");--> statement-breakpoint
CREATE INDEX "connector_errors_project_time_idx" ON "connector_errors" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "connector_errors_due_idx" ON "connector_errors" USING btree ("next_retry_at") WHERE status in ('pending', 'retrying');--> statement-breakpoint
CREATE UNIQUE INDEX "connector_sync_state_project_connector_uq" ON "connector_sync_state" USING btree ("project_id","connector");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_channel_policies_contact_channel_uq" ON "contact_channel_policies" USING btree ("project_id","contact_ref","channel");--> statement-breakpoint
CREATE INDEX "continuity_actions_project_status_idx" ON "continuity_actions" USING btree ("project_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "crm_accounts_scope_source_ref_uq" ON "crm_accounts" USING btree ("account_scope_id","source","external_ref");--> statement-breakpoint
CREATE INDEX "crm_accounts_project_name_idx" ON "crm_accounts" USING btree ("project_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "crm_opportunities_scope_source_ref_uq" ON "crm_opportunities" USING btree ("account_scope_id","source","external_ref");--> statement-breakpoint
CREATE INDEX "crm_opportunities_project_status_close_idx" ON "crm_opportunities" USING btree ("project_id","status","expected_close_date");--> statement-breakpoint
CREATE INDEX "crm_opportunities_account_idx" ON "crm_opportunities" USING btree ("crm_account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cw_attachments_raw_scope_attachment_uq" ON "cw_attachments_raw" USING btree ("account_scope_id","cw_attachment_id");--> statement-breakpoint
CREATE INDEX "cw_attachments_raw_scope_message_idx" ON "cw_attachments_raw" USING btree ("account_scope_id","cw_message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cw_contacts_scope_contact_uq" ON "cw_contacts" USING btree ("account_scope_id","cw_contact_id");--> statement-breakpoint
CREATE INDEX "cw_contacts_project_activity_idx" ON "cw_contacts" USING btree ("project_id","last_activity_at_source");--> statement-breakpoint
CREATE INDEX "cw_contacts_scope_email_idx" ON "cw_contacts" USING btree ("account_scope_id",lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "cw_conversations_scope_conversation_uq" ON "cw_conversations" USING btree ("account_scope_id","cw_conversation_id");--> statement-breakpoint
CREATE INDEX "cw_conversations_project_activity_idx" ON "cw_conversations" USING btree ("project_id","last_activity_at");--> statement-breakpoint
CREATE INDEX "cw_conversations_scope_contact_idx" ON "cw_conversations" USING btree ("account_scope_id","cw_contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cw_inboxes_raw_scope_inbox_uq" ON "cw_inboxes_raw" USING btree ("account_scope_id","cw_inbox_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cw_messages_scope_message_uq" ON "cw_messages" USING btree ("account_scope_id","cw_message_id");--> statement-breakpoint
CREATE INDEX "cw_messages_project_time_idx" ON "cw_messages" USING btree ("project_id","created_at_source" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "cw_messages_scope_conversation_time_idx" ON "cw_messages" USING btree ("account_scope_id","cw_conversation_id","created_at_source");--> statement-breakpoint
CREATE UNIQUE INDEX "daily_digests_project_date_locale_uq" ON "daily_digests" USING btree ("project_id","digest_date","locale");--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_items_project_source_uq" ON "evidence_items" USING btree ("project_id","source_table","source_ref");--> statement-breakpoint
CREATE INDEX "evidence_items_project_time_idx" ON "evidence_items" USING btree ("project_id","occurred_at");--> statement-breakpoint
CREATE INDEX "evidence_items_search_tsv_idx" ON "evidence_items" USING gin ("search_tsv");--> statement-breakpoint
CREATE UNIQUE INDEX "health_scores_project_asof_uq" ON "health_scores" USING btree ("project_id","as_of");--> statement-breakpoint
CREATE UNIQUE INDEX "identity_link_suggestions_pair_uq" ON "identity_link_suggestions" USING btree ("project_id","left_kind","left_ref","right_kind","right_ref");--> statement-breakpoint
CREATE INDEX "identity_link_suggestions_project_status_idx" ON "identity_link_suggestions" USING btree ("project_id","status","confidence");--> statement-breakpoint
CREATE UNIQUE INDEX "identity_links_pair_uq" ON "identity_links" USING btree ("project_id","left_kind","left_ref","right_kind","right_ref");--> statement-breakpoint
CREATE INDEX "identity_links_project_person_idx" ON "identity_links" USING btree ("project_id","person_key");--> statement-breakpoint
CREATE INDEX "identity_links_project_right_idx" ON "identity_links" USING btree ("project_id","right_kind","right_ref");--> statement-breakpoint
CREATE INDEX "job_runs_project_started_idx" ON "job_runs" USING btree ("project_id","started_at");--> statement-breakpoint
CREATE INDEX "job_runs_type_started_idx" ON "job_runs" USING btree ("job_type","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "kag_edges_from_to_type_uq" ON "kag_edges" USING btree ("from_node_id","to_node_id","edge_type");--> statement-breakpoint
CREATE INDEX "kag_edges_to_idx" ON "kag_edges" USING btree ("to_node_id");--> statement-breakpoint
CREATE INDEX "kag_edges_project_idx" ON "kag_edges" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "kag_event_log_project_time_idx" ON "kag_event_log" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "kag_event_log_process_time_idx" ON "kag_event_log" USING btree ("process","created_at");--> statement-breakpoint
CREATE INDEX "kag_event_log_run_idx" ON "kag_event_log" USING btree ("run_id");--> statement-breakpoint
CREATE UNIQUE INDEX "kag_events_project_source_ref_kind_uq" ON "kag_events" USING btree ("project_id","source","source_ref","kind");--> statement-breakpoint
CREATE INDEX "kag_events_project_time_idx" ON "kag_events" USING btree ("project_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "kag_nodes_project_type_key_uq" ON "kag_nodes" USING btree ("project_id","node_type","node_key");--> statement-breakpoint
CREATE UNIQUE INDEX "kag_recommendations_project_rule_subject_uq" ON "kag_recommendations" USING btree ("project_id","rule_key","subject_key");--> statement-breakpoint
CREATE INDEX "kag_recommendations_project_status_priority_idx" ON "kag_recommendations" USING btree ("project_id","status","priority");--> statement-breakpoint
CREATE UNIQUE INDEX "kag_risk_forecasts_project_horizon_asof_uq" ON "kag_risk_forecasts" USING btree ("project_id","horizon_days","as_of");--> statement-breakpoint
CREATE UNIQUE INDEX "kag_score_history_project_type_asof_uq" ON "kag_score_history" USING btree ("project_id","score_type","as_of");--> statement-breakpoint
CREATE UNIQUE INDEX "kag_scores_project_type_uq" ON "kag_scores" USING btree ("project_id","score_type");--> statement-breakpoint
CREATE INDEX "kag_signal_history_project_key_time_idx" ON "kag_signal_history" USING btree ("project_id","key","as_of");--> statement-breakpoint
CREATE UNIQUE INDEX "kag_signal_state_project_key_uq" ON "kag_signal_state" USING btree ("project_id","signal_key");--> statement-breakpoint
CREATE UNIQUE INDEX "kag_signals_project_key_subject_uq" ON "kag_signals" USING btree ("project_id","key","subject_key");--> statement-breakpoint
CREATE UNIQUE INDEX "linear_cycles_raw_scope_cycle_uq" ON "linear_cycles_raw" USING btree ("account_scope_id","linear_cycle_id");--> statement-breakpoint
CREATE INDEX "linear_cycles_raw_project_starts_idx" ON "linear_cycles_raw" USING btree ("project_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "linear_issues_raw_scope_issue_uq" ON "linear_issues_raw" USING btree ("account_scope_id","linear_issue_id");--> statement-breakpoint
CREATE INDEX "linear_issues_raw_project_state_due_idx" ON "linear_issues_raw" USING btree ("project_id","state_type","due_date");--> statement-breakpoint
CREATE INDEX "linear_issues_raw_scope_cycle_idx" ON "linear_issues_raw" USING btree ("account_scope_id","linear_cycle_id");--> statement-breakpoint
CREATE UNIQUE INDEX "linear_projects_raw_scope_project_uq" ON "linear_projects_raw" USING btree ("account_scope_id","linear_project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "linear_states_raw_scope_state_uq" ON "linear_states_raw" USING btree ("account_scope_id","linear_state_id");--> statement-breakpoint
CREATE INDEX "login_attempts_email_idx" ON "login_attempts" USING btree ("email","created_at");--> statement-breakpoint
CREATE INDEX "login_attempts_ip_idx" ON "login_attempts" USING btree ("ip","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "next_best_actions_project_dedupe_uq" ON "next_best_actions" USING btree ("project_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "next_best_actions_project_status_priority_idx" ON "next_best_actions" USING btree ("project_id","status","priority");--> statement-breakpoint
CREATE INDEX "next_best_actions_signal_idx" ON "next_best_actions" USING btree ("signal_id");--> statement-breakpoint
CREATE INDEX "offers_project_status_time_idx" ON "offers" USING btree ("project_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outbound_attempts_message_attempt_uq" ON "outbound_attempts" USING btree ("outbound_message_id","attempt_no");--> statement-breakpoint
CREATE INDEX "outbound_messages_project_time_idx" ON "outbound_messages" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "outbound_messages_due_idx" ON "outbound_messages" USING btree ("next_attempt_at") WHERE status in ('approved', 'sending');--> statement-breakpoint
CREATE INDEX "outbound_messages_contact_time_idx" ON "outbound_messages" USING btree ("project_id","contact_ref","sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "past_case_outcomes_snapshot_horizon_uq" ON "past_case_outcomes" USING btree ("snapshot_id","horizon_days");--> statement-breakpoint
CREATE INDEX "past_case_outcomes_project_window_idx" ON "past_case_outcomes" USING btree ("project_id","window_start");--> statement-breakpoint
CREATE INDEX "project_members_user_idx" ON "project_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_snapshots_project_date_uq" ON "project_snapshots" USING btree ("project_id","snapshot_date");--> statement-breakpoint
CREATE UNIQUE INDEX "project_sources_scope_kind_external_uq" ON "project_sources" USING btree ("account_scope_id","source_kind","external_id");--> statement-breakpoint
CREATE INDEX "project_sources_project_idx" ON "project_sources" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_scope_slug_uq" ON "projects" USING btree ("account_scope_id","slug");--> statement-breakpoint
CREATE INDEX "projects_scope_idx" ON "projects" USING btree ("account_scope_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rag_chunks_source_conversation_chunk_uq" ON "rag_chunks" USING btree ("account_scope_id","source","conversation_external_id","chunk_index");--> statement-breakpoint
CREATE INDEX "rag_chunks_project_last_message_idx" ON "rag_chunks" USING btree ("project_id","last_message_at");--> statement-breakpoint
CREATE INDEX "rag_chunks_search_tsv_idx" ON "rag_chunks" USING gin ("search_tsv");--> statement-breakpoint
CREATE INDEX "rag_chunks_embedding_backlog_idx" ON "rag_chunks" USING btree ("account_scope_id","created_at") WHERE embedding_status in ('pending', 'failed');--> statement-breakpoint
CREATE INDEX "recommendation_action_runs_recommendation_idx" ON "recommendation_action_runs" USING btree ("recommendation_id","created_at");--> statement-breakpoint
CREATE INDEX "recommendation_action_runs_project_time_idx" ON "recommendation_action_runs" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "recommendations_v2_open_subject_uq" ON "recommendations_v2" USING btree ("project_id","type","subject_key") WHERE status in ('new', 'shown', 'accepted', 'snoozed', 'suppressed');--> statement-breakpoint
CREATE INDEX "recommendations_v2_project_status_priority_idx" ON "recommendations_v2" USING btree ("project_id","status","priority");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_radar_items_project_dedupe_uq" ON "risk_radar_items" USING btree ("project_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "risk_radar_items_project_status_severity_idx" ON "risk_radar_items" USING btree ("project_id","status","severity");--> statement-breakpoint
CREATE UNIQUE INDEX "scheduled_jobs_project_type_uq" ON "scheduled_jobs" USING btree ("project_id","job_type");--> statement-breakpoint
CREATE INDEX "scheduled_jobs_due_idx" ON "scheduled_jobs" USING btree ("enabled","next_run_at");--> statement-breakpoint
CREATE INDEX "scheduled_jobs_lease_idx" ON "scheduled_jobs" USING btree ("lease_expires_at") WHERE status = 'running';--> statement-breakpoint
CREATE UNIQUE INDEX "signals_project_dedupe_uq" ON "signals" USING btree ("project_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "signals_project_key_idx" ON "signals" USING btree ("project_id","key");--> statement-breakpoint
CREATE INDEX "signals_project_status_time_idx" ON "signals" USING btree ("project_id","status","as_of");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_watermarks_project_source_resource_uq" ON "sync_watermarks" USING btree ("project_id","source","resource");--> statement-breakpoint
CREATE UNIQUE INDEX "upsell_opportunities_project_dedupe_uq" ON "upsell_opportunities" USING btree ("project_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "upsell_opportunities_project_status_score_idx" ON "upsell_opportunities" USING btree ("project_id","status","score");--> statement-breakpoint
CREATE INDEX "user_sessions_user_idx" ON "user_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_sessions_expires_idx" ON "user_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_uq" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "weekly_digests_project_week_locale_uq" ON "weekly_digests" USING btree ("project_id","week_start","locale");--> statement-breakpoint
CREATE INDEX "worker_runs_started_idx" ON "worker_runs" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "worker_runs_worker_idx" ON "worker_runs" USING btree ("worker_id","started_at");--> statement-breakpoint
CREATE INDEX "workspace_members_user_idx" ON "workspace_members" USING btree ("user_id");