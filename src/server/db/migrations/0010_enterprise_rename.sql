ALTER TABLE "personnel_changes" ALTER COLUMN "certificate_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "personnel_changes" ADD COLUMN "new_enterprise_name" text;--> statement-breakpoint
CREATE UNIQUE INDEX "personnel_changes_pending_rename_idx" ON "personnel_changes" USING btree ("enterprise_id") WHERE status = 'pending' AND kind = 'rename';