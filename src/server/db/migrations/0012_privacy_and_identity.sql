CREATE TABLE "address_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"action" text NOT NULL,
	"ip" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_lookups" (
	"enterprise_id" uuid NOT NULL,
	"day" date NOT NULL,
	"key_hash" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_lookups_enterprise_id_day_key_hash_pk" PRIMARY KEY("enterprise_id","day","key_hash")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "identity_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "identity_verified_by" uuid;--> statement-breakpoint
ALTER TABLE "personnel_changes" ADD COLUMN "holder_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "person_lookups" ADD CONSTRAINT "person_lookups_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "address_attempts_action_ip_at_idx" ON "address_attempts" USING btree ("action","ip","at");--> statement-breakpoint
CREATE INDEX "person_lookups_day_idx" ON "person_lookups" USING btree ("day");--> statement-breakpoint
-- Accounts whose person sat an exam and was certified (checked against the ID card in the exam room) count as confirmed.
UPDATE "accounts" SET "identity_verified_at" = now()
WHERE "role" = 'candidate' AND "person_id" IN (SELECT "person_id" FROM "certificates" WHERE "source" = 'exam');
