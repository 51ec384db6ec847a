CREATE TABLE "exam_client_requests" (
	"exam_client_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"body_sha256" text NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exam_client_requests_exam_client_id_idempotency_key_pk" PRIMARY KEY("exam_client_id","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "exam_scores" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"theory_score_tenths" integer,
	"theory_absent" boolean DEFAULT false NOT NULL,
	"practical_score_tenths" integer,
	"practical_absent" boolean DEFAULT false NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "exam_scores" ADD CONSTRAINT "exam_scores_application_id_exam_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."exam_applications"("id") ON DELETE no action ON UPDATE no action;