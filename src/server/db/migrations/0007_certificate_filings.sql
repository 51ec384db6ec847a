CREATE TABLE "certificate_filings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"name" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"category" text NOT NULL,
	"other_work_type_name" text,
	"number" text NOT NULL,
	"issued_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"scan_file_id" uuid,
	"batch_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"return_reason" text,
	"certificate_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "files" ALTER COLUMN "person_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "certificate_filings" ADD CONSTRAINT "certificate_filings_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_filings" ADD CONSTRAINT "certificate_filings_jurisdiction_code_jurisdictions_code_fk" FOREIGN KEY ("jurisdiction_code") REFERENCES "public"."jurisdictions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_filings" ADD CONSTRAINT "certificate_filings_scan_file_id_files_id_fk" FOREIGN KEY ("scan_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_filings" ADD CONSTRAINT "certificate_filings_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_filings" ADD CONSTRAINT "certificate_filings_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_filings" ADD CONSTRAINT "certificate_filings_decided_by_accounts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_filings_number_idx" ON "certificate_filings" USING btree ("number") WHERE status IN ('pending', 'approved');--> statement-breakpoint
CREATE INDEX "certificate_filings_jurisdiction_idx" ON "certificate_filings" USING btree ("jurisdiction_code","status","created_at");--> statement-breakpoint
CREATE INDEX "certificate_filings_enterprise_idx" ON "certificate_filings" USING btree ("enterprise_id","created_at");