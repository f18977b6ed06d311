CREATE TABLE "connector_sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"target" text NOT NULL,
	"mode" text DEFAULT 'incremental' NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"results" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"started_by" uuid,
	"lease_expires_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "connector_sync_runs" ADD CONSTRAINT "connector_sync_runs_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connector_sync_runs" ADD CONSTRAINT "connector_sync_runs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "connector_sync_runs_running_uq" ON "connector_sync_runs" USING btree ("project_id","target") WHERE status = 'running';--> statement-breakpoint
CREATE INDEX "connector_sync_runs_project_time_idx" ON "connector_sync_runs" USING btree ("project_id","started_at");