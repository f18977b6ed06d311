CREATE TABLE "digest_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"period_key" date NOT NULL,
	"channel" text NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"project_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rendered_text" text DEFAULT '' NOT NULL,
	"nothing_new" boolean DEFAULT false NOT NULL,
	"sent_at" timestamp with time zone,
	"as_of" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "analytics_revenue_snapshots_uq";--> statement-breakpoint
ALTER TABLE "digest_deliveries" ADD CONSTRAINT "digest_deliveries_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_deliveries" ADD CONSTRAINT "digest_deliveries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "digest_deliveries_user_period_channel_uq" ON "digest_deliveries" USING btree ("user_id","kind","period_key","channel");--> statement-breakpoint
CREATE INDEX "digest_deliveries_scope_status_idx" ON "digest_deliveries" USING btree ("account_scope_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "analytics_revenue_snapshots_currency_uq" ON "analytics_revenue_snapshots" USING btree ("project_id","snapshot_date","period_days","currency");