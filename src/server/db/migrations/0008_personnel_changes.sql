CREATE TABLE "personnel_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"certificate_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"from_enterprise_id" uuid,
	"jurisdiction_code" text NOT NULL,
	"new_job" text,
	"new_title" text,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text
);
--> statement-breakpoint
ALTER TABLE "personnel_changes" ADD CONSTRAINT "personnel_changes_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personnel_changes" ADD CONSTRAINT "personnel_changes_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personnel_changes" ADD CONSTRAINT "personnel_changes_from_enterprise_id_enterprises_id_fk" FOREIGN KEY ("from_enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personnel_changes" ADD CONSTRAINT "personnel_changes_jurisdiction_code_jurisdictions_code_fk" FOREIGN KEY ("jurisdiction_code") REFERENCES "public"."jurisdictions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personnel_changes" ADD CONSTRAINT "personnel_changes_requested_by_accounts_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personnel_changes" ADD CONSTRAINT "personnel_changes_decided_by_accounts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "personnel_changes_pending_idx" ON "personnel_changes" USING btree ("certificate_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "personnel_changes_jurisdiction_idx" ON "personnel_changes" USING btree ("jurisdiction_code","status","created_at");--> statement-breakpoint
CREATE INDEX "personnel_changes_enterprise_idx" ON "personnel_changes" USING btree ("enterprise_id","created_at");