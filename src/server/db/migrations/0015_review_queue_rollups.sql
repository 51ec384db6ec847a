CREATE TABLE "registration_counts" (
	"jurisdiction_code" text NOT NULL,
	"status" text NOT NULL,
	"category" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "registration_counts_jurisdiction_code_status_category_pk" PRIMARY KEY("jurisdiction_code","status","category")
);
--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "person_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "person_id_masked" text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE registrations r SET person_name = p.name, person_id_masked = p.id_number_masked FROM persons p WHERE p.id = r.person_id;
--> statement-breakpoint
-- A registration carries its person's name and masked ID number (for the queue), whoever inserts it.
CREATE OR REPLACE FUNCTION registrations_copy_person() RETURNS trigger AS $$
BEGIN
  SELECT p.name, p.id_number_masked INTO NEW.person_name, NEW.person_id_masked FROM persons p WHERE p.id = NEW.person_id;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER registrations_copy_person BEFORE INSERT OR UPDATE OF person_id ON registrations
  FOR EACH ROW EXECUTE FUNCTION registrations_copy_person();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION persons_copy_to_registrations() RETURNS trigger AS $$
BEGIN
  UPDATE registrations SET person_name = NEW.name, person_id_masked = NEW.id_number_masked WHERE person_id = NEW.id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER persons_copy_to_registrations AFTER UPDATE OF name, id_number_masked ON persons
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.id_number_masked IS DISTINCT FROM NEW.id_number_masked)
  EXECUTE FUNCTION persons_copy_to_registrations();
--> statement-breakpoint
INSERT INTO registration_counts (jurisdiction_code, status, category, n)
  SELECT jurisdiction_code, status, category, count(*) FROM registrations WHERE deleted_at IS NULL GROUP BY 1, 2, 3;
--> statement-breakpoint
-- The live rows per (jurisdiction, status, category), moved by every statement that changes
-- registrations: the rows it removed count -1, the rows it made +1, applied in key order (so two
-- statements take the counter rows in the same order). A statement that changes none of the keys
-- writes nothing here.
CREATE OR REPLACE FUNCTION registrations_count_changes() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO registration_counts AS rc (jurisdiction_code, status, category, n)
      SELECT jurisdiction_code, status, category, count(*) FROM new_rows WHERE deleted_at IS NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT (jurisdiction_code, status, category) DO UPDATE SET n = rc.n + EXCLUDED.n;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE registration_counts rc SET n = rc.n - d.n
      FROM (SELECT jurisdiction_code, status, category, count(*) AS n FROM old_rows WHERE deleted_at IS NULL GROUP BY 1, 2, 3) d
     WHERE (rc.jurisdiction_code, rc.status, rc.category) = (d.jurisdiction_code, d.status, d.category);
  ELSE
    INSERT INTO registration_counts AS rc (jurisdiction_code, status, category, n)
      SELECT k.jurisdiction_code, k.status, k.category, sum(k.d) FROM (
        SELECT jurisdiction_code, status, category, 1 AS d FROM new_rows WHERE deleted_at IS NULL
        UNION ALL
        SELECT jurisdiction_code, status, category, -1 FROM old_rows WHERE deleted_at IS NULL
      ) k GROUP BY 1, 2, 3 HAVING sum(k.d) <> 0 ORDER BY 1, 2, 3
      ON CONFLICT (jurisdiction_code, status, category) DO UPDATE SET n = rc.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER registrations_count_insert AFTER INSERT ON registrations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION registrations_count_changes();
--> statement-breakpoint
CREATE TRIGGER registrations_count_update AFTER UPDATE ON registrations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION registrations_count_changes();
--> statement-breakpoint
CREATE TRIGGER registrations_count_delete AFTER DELETE ON registrations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION registrations_count_changes();
--> statement-breakpoint
-- TRUNCATE has no transition table: no rows, no counts.
CREATE OR REPLACE FUNCTION registrations_count_truncate() RETURNS trigger AS $$
BEGIN
  DELETE FROM registration_counts;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER registrations_count_truncate AFTER TRUNCATE ON registrations
  FOR EACH STATEMENT EXECUTE FUNCTION registrations_count_truncate();
--> statement-breakpoint
-- The queue's page is read from the index alone (an index-only scan): it carries what the table shows.
DROP INDEX IF EXISTS "registrations_review_idx";
--> statement-breakpoint
CREATE INDEX "registrations_review_idx" ON "registrations" USING btree ("jurisdiction_code", "status", "category", "submitted_at", "id")
  INCLUDE ("enterprise_id", "person_name", "person_id_masked", "other_work_type_name") WHERE deleted_at IS NULL;
