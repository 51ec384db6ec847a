-- Every server process caches resolved sessions and province settings (no round trip per request).
-- These triggers tell all of them, on channel agt_changes, when such a row changes; PostgreSQL
-- delivers a notice only when the changing transaction commits, and no code path can forget to send it.
CREATE OR REPLACE FUNCTION agt_notify_account_change() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('agt_changes', 'account:' || (CASE WHEN TG_OP = 'INSERT' THEN NEW.account_id ELSE OLD.account_id END)::text);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION agt_notify_account_row_change() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('agt_changes', 'account:' || OLD.id::text);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION agt_notify_setting_change() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('agt_changes', 'setting:' || (CASE WHEN TG_OP = 'DELETE' THEN OLD.key ELSE NEW.key END));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Role, scope, name, disabling, password, forced password change, identity confirmation: whatever a
-- session's actor is made of. Failed-login counters and lock times are not (each login would
-- otherwise empty the cache of every process for that account).
CREATE TRIGGER accounts_notify AFTER UPDATE ON accounts
  FOR EACH ROW WHEN (
    OLD.role IS DISTINCT FROM NEW.role OR OLD.username IS DISTINCT FROM NEW.username OR OLD.display_name IS DISTINCT FROM NEW.display_name
    OR OLD.password_hash IS DISTINCT FROM NEW.password_hash OR OLD.must_change_password IS DISTINCT FROM NEW.must_change_password
    OR OLD.disabled_at IS DISTINCT FROM NEW.disabled_at OR OLD.jurisdiction_code IS DISTINCT FROM NEW.jurisdiction_code
    OR OLD.enterprise_id IS DISTINCT FROM NEW.enterprise_id OR OLD.person_id IS DISTINCT FROM NEW.person_id
    OR OLD.identity_verified_at IS DISTINCT FROM NEW.identity_verified_at)
  EXECUTE FUNCTION agt_notify_account_row_change();
--> statement-breakpoint
CREATE TRIGGER accounts_notify_delete AFTER DELETE ON accounts
  FOR EACH ROW EXECUTE FUNCTION agt_notify_account_row_change();
--> statement-breakpoint
-- Logout, "end all sessions", expiry on sight.
CREATE TRIGGER sessions_notify_delete AFTER DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION agt_notify_account_change();
--> statement-breakpoint
-- A session made shorter (moved back in time, or to another account); recorded activity only moves it forward.
CREATE TRIGGER sessions_notify_shortened AFTER UPDATE ON sessions
  FOR EACH ROW WHEN (NEW.last_seen_at < OLD.last_seen_at OR NEW.created_at IS DISTINCT FROM OLD.created_at OR NEW.account_id IS DISTINCT FROM OLD.account_id)
  EXECUTE FUNCTION agt_notify_account_change();
--> statement-breakpoint
-- Second factor bound, confirmed or removed: whether the policy's enrolment duty still holds.
CREATE TRIGGER account_totp_notify AFTER INSERT OR UPDATE OR DELETE ON account_totp
  FOR EACH ROW EXECUTE FUNCTION agt_notify_account_change();
--> statement-breakpoint
CREATE TRIGGER settings_notify AFTER INSERT OR UPDATE OR DELETE ON settings
  FOR EACH ROW EXECUTE FUNCTION agt_notify_setting_change();
