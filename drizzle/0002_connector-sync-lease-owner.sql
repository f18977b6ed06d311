ALTER TABLE "connector_sync_state" ADD COLUMN "lease_owner" text;--> statement-breakpoint
ALTER TABLE "connector_sync_state" ADD COLUMN "lease_expires_at" timestamp with time zone;