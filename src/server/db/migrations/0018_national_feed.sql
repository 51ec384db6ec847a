CREATE TABLE "national_reports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ecert_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"certificate_id" uuid NOT NULL,
	"event_id" bigint,
	"standard" text NOT NULL,
	"call" text NOT NULL,
	"operate_type" text NOT NULL,
	"cert_state" text NOT NULL,
	"identifier" text NOT NULL,
	"assigns_qr" boolean NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_until" timestamp with time zone,
	"last_error" text,
	"qr_content" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "national_reports_ecert_id_unique" UNIQUE("ecert_id"),
	CONSTRAINT "national_reports_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "current_issue_on" date;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "national_identifier" text;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "national_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "national_qr" text;--> statement-breakpoint
ALTER TABLE "national_reports" ADD CONSTRAINT "national_reports_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "national_reports" ADD CONSTRAINT "national_reports_event_id_certificate_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."certificate_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "national_reports_certificate_idx" ON "national_reports" USING btree ("certificate_id","id");--> statement-breakpoint
CREATE INDEX "national_reports_due_idx" ON "national_reports" USING btree ("next_attempt_at","id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "national_reports_status_idx" ON "national_reports" USING btree ("status","created_at");--> statement-breakpoint
UPDATE "certificates" SET "current_issue_on" = "issued_on";
