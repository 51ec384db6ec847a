ALTER TABLE "national_reports" ADD COLUMN "claim_token" uuid;--> statement-breakpoint
ALTER TABLE "national_reports" ADD COLUMN "platform_cert_id" text;--> statement-breakpoint
CREATE INDEX "certificates_unreported_idx" ON "certificates" USING btree ("id") WHERE national_version = 0;