CREATE TABLE "exam_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"category" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"seat_number" integer,
	"ticket_number" text,
	"ticket_printed_at" timestamp with time zone,
	"ended_reason" text,
	"ended_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "exam_applications_ticket_number_unique" UNIQUE("ticket_number")
);
--> statement-breakpoint
CREATE TABLE "exam_seats" (
	"session_id" uuid NOT NULL,
	"seat_number" integer NOT NULL,
	"application_id" uuid,
	CONSTRAINT "exam_seats_session_id_seat_number_pk" PRIMARY KEY("session_id","seat_number")
);
--> statement-breakpoint
CREATE TABLE "exam_session_categories" (
	"session_id" uuid NOT NULL,
	"category" text NOT NULL,
	CONSTRAINT "exam_session_categories_session_id_category_pk" PRIMARY KEY("session_id","category")
);
--> statement-breakpoint
CREATE TABLE "exam_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"room" text NOT NULL,
	"kind" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"applications_open_at" timestamp with time zone NOT NULL,
	"applications_close_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"year" integer,
	"sequence" integer,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "exam_applications" ADD CONSTRAINT "exam_applications_session_id_exam_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."exam_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_applications" ADD CONSTRAINT "exam_applications_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_applications" ADD CONSTRAINT "exam_applications_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_applications" ADD CONSTRAINT "exam_applications_ended_by_accounts_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_seats" ADD CONSTRAINT "exam_seats_session_id_exam_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."exam_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_seats" ADD CONSTRAINT "exam_seats_application_id_exam_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."exam_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_session_categories" ADD CONSTRAINT "exam_session_categories_session_id_exam_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."exam_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_sessions" ADD CONSTRAINT "exam_sessions_jurisdiction_code_jurisdictions_code_fk" FOREIGN KEY ("jurisdiction_code") REFERENCES "public"."jurisdictions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_sessions" ADD CONSTRAINT "exam_sessions_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "exam_applications_live_idx" ON "exam_applications" USING btree ("registration_id") WHERE status IN ('active', 'withdrawal_requested');--> statement-breakpoint
CREATE INDEX "exam_applications_session_idx" ON "exam_applications" USING btree ("session_id","status");--> statement-breakpoint
CREATE INDEX "exam_applications_person_idx" ON "exam_applications" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_seats_application_idx" ON "exam_seats" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "exam_sessions_jurisdiction_idx" ON "exam_sessions" USING btree ("jurisdiction_code","status","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_sessions_sequence_idx" ON "exam_sessions" USING btree ("jurisdiction_code","year","sequence");