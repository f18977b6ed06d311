CREATE TABLE "evidence_citations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_scope_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"evidence_item_id" uuid NOT NULL,
	"citing_table" text NOT NULL,
	"citing_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "signals" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "evidence_citations" ADD CONSTRAINT "evidence_citations_account_scope_id_account_scopes_id_fk" FOREIGN KEY ("account_scope_id") REFERENCES "public"."account_scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_citations" ADD CONSTRAINT "evidence_citations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_citations" ADD CONSTRAINT "evidence_citations_evidence_item_id_evidence_items_id_fk" FOREIGN KEY ("evidence_item_id") REFERENCES "public"."evidence_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_citations_item_citing_uq" ON "evidence_citations" USING btree ("evidence_item_id","citing_table","citing_id");--> statement-breakpoint
CREATE INDEX "evidence_citations_project_citing_idx" ON "evidence_citations" USING btree ("project_id","citing_table","citing_id");