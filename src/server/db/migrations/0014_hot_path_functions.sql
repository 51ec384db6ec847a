-- Hot paths as one function call each: one round trip per request, the read, the decision and the
-- writes in one statement's transaction. The rules stay readable in TypeScript (accrual.ts is the
-- reference; a test holds agt_accrue to it on random inputs).

-- The accrual rules of SPEC §4 (accrual.ts, line for line): how much of the time since the last
-- heartbeat counts, and why the rest does not. Pure.
CREATE OR REPLACE FUNCTION agt_accrue(
  p_elapsed int, p_position double precision, p_furthest double precision, p_playing boolean, p_visible boolean,
  p_duration int, p_for_lesson int, p_today int, p_has_snapshot boolean,
  p_cap int, p_tolerance int, p_daily_cap_seconds int,
  OUT credited int, OUT invalid jsonb, OUT furthest double precision, OUT position_refused boolean
) LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  v_window int := least(p_elapsed, p_cap);
  v_reason text;
  v_lesson_left int;
  v_today_left int;
BEGIN
  credited := 0;
  invalid := '[]'::jsonb;
  IF p_elapsed - v_window > 0 THEN
    invalid := invalid || jsonb_build_array(jsonb_build_object('seconds', p_elapsed - v_window, 'reason', 'gap'));
  END IF;
  position_refused := p_position > p_furthest + v_window + p_tolerance;
  furthest := CASE WHEN position_refused THEN p_furthest ELSE greatest(p_furthest, least(p_position, p_duration::double precision)) END;
  v_reason := CASE WHEN NOT p_visible THEN 'hidden' WHEN NOT p_playing THEN 'paused'
                   WHEN position_refused THEN 'position_jump' WHEN NOT p_has_snapshot THEN 'capture_missing' END;
  IF v_reason IS NOT NULL THEN
    IF v_window > 0 THEN invalid := invalid || jsonb_build_array(jsonb_build_object('seconds', v_window, 'reason', v_reason)); END IF;
    RETURN;
  END IF;
  v_lesson_left := greatest(0, p_duration - p_for_lesson);
  v_today_left := greatest(0, p_daily_cap_seconds - p_today);
  credited := least(v_window, v_lesson_left, v_today_left);
  IF credited < v_window THEN
    invalid := invalid || jsonb_build_array(jsonb_build_object('seconds', v_window - credited,
      'reason', CASE WHEN v_today_left < v_lesson_left THEN 'daily_cap' ELSE 'lesson_complete' END));
  END IF;
END;
$$;
--> statement-breakpoint
-- A study heartbeat (heartbeat.ts): read the session, the credited totals (from the ledger) and the
-- latest snapshot requests; replace an overdue snapshot request; accrue; then write the session,
-- the ledger and the progress only if no other heartbeat of this session got there first (its
-- last_heartbeat_at unchanged) and it is still the active one. No lock is held.
CREATE OR REPLACE FUNCTION agt_heartbeat(
  p_session uuid, p_person uuid, p_now timestamptz, p_day_start timestamptz,
  p_position double precision, p_playing boolean, p_visible boolean,
  p_cap int, p_tolerance int, p_daily_cap_seconds int, p_capture_window_seconds int
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  s record;
  a record;
  v_pending_id uuid;
  v_pending_due timestamptz;
  v_pending_ends timestamptz;
  v_settled_id uuid;
  v_settled_status text;
  v_for_lesson int;
  v_today int;
  v_overdue boolean := false;
  v_snapshot uuid;
  v_written int;
  v_cursor timestamptz;
  v_part jsonb;
  v_capture record;
BEGIN
  SELECT ss.lesson_id, ss.ended_at, ss.end_reason, ss.last_heartbeat_at, l.duration_seconds,
         coalesce(lp.furthest_seconds, 0)::double precision AS furthest
    INTO s
    FROM study_sessions ss
    JOIN lessons l ON l.id = ss.lesson_id
    LEFT JOIN lesson_progress lp ON lp.person_id = ss.person_id AND lp.lesson_id = ss.lesson_id
   WHERE ss.id = p_session AND ss.person_id = p_person;
  IF NOT FOUND THEN RETURN jsonb_build_object('outcome', 'not_found'); END IF;
  IF s.ended_at IS NOT NULL THEN RETURN jsonb_build_object('outcome', 'ended', 'endReason', s.end_reason); END IF;

  SELECT coalesce(sum(seconds), 0)::int INTO v_for_lesson FROM study_ledger
   WHERE person_id = p_person AND lesson_id = s.lesson_id AND valid;
  SELECT coalesce(sum(seconds), 0)::int INTO v_today FROM study_ledger
   WHERE person_id = p_person AND from_at >= p_day_start AND valid;

  -- Of the five newest snapshot requests: the newest pending one, and the newest settled one.
  FOR v_capture IN SELECT id, status, due_at, window_ends_at FROM captures WHERE session_id = p_session ORDER BY due_at DESC LIMIT 5 LOOP
    IF v_capture.status = 'pending' THEN
      IF v_pending_id IS NULL THEN
        v_pending_id := v_capture.id; v_pending_due := v_capture.due_at; v_pending_ends := v_capture.window_ends_at;
      END IF;
    ELSIF v_settled_id IS NULL THEN
      v_settled_id := v_capture.id; v_settled_status := v_capture.status;
    END IF;
  END LOOP;

  -- An overdue request is missed and replaced by one due now (rare).
  IF v_pending_id IS NOT NULL AND v_pending_ends < p_now THEN
    v_overdue := true;
    UPDATE captures SET status = 'missed' WHERE id = v_pending_id AND status = 'pending';
    IF FOUND THEN
      INSERT INTO captures (session_id, person_id, lesson_id, due_at, window_ends_at)
      VALUES (p_session, p_person, s.lesson_id, p_now, p_now + make_interval(secs => p_capture_window_seconds))
      RETURNING id, due_at, window_ends_at INTO v_pending_id, v_pending_due, v_pending_ends;
    ELSE
      v_pending_id := NULL;
    END IF;
  END IF;
  -- Credit rests on the newest received snapshot, unless a later request was missed (or the newest
  -- was judged not the candidate): then nothing counts until a new snapshot arrives.
  v_snapshot := CASE WHEN NOT v_overdue AND v_settled_status = 'received' THEN v_settled_id END;

  SELECT * INTO a FROM agt_accrue(
    greatest(0, floor(extract(epoch FROM p_now - s.last_heartbeat_at)))::int, p_position, s.furthest, p_playing, p_visible,
    s.duration_seconds, v_for_lesson, v_today, v_snapshot IS NOT NULL, p_cap, p_tolerance, p_daily_cap_seconds);

  UPDATE study_sessions SET last_heartbeat_at = p_now
   WHERE id = p_session AND last_heartbeat_at = s.last_heartbeat_at AND ended_at IS NULL;
  GET DIAGNOSTICS v_written = ROW_COUNT;
  IF v_written = 0 THEN RETURN jsonb_build_object('outcome', 'changed'); END IF;

  -- Ledger rows lie end to end, ending now: the credited part last, refused parts before it.
  v_cursor := p_now;
  IF a.credited > 0 THEN
    INSERT INTO study_ledger (person_id, lesson_id, session_id, capture_id, from_at, to_at, seconds, valid, invalid_reason)
    VALUES (p_person, s.lesson_id, p_session, v_snapshot, v_cursor - make_interval(secs => a.credited), v_cursor, a.credited, true, NULL);
    v_cursor := v_cursor - make_interval(secs => a.credited);
  END IF;
  FOR i IN REVERSE jsonb_array_length(a.invalid) - 1 .. 0 LOOP
    v_part := a.invalid->i;
    INSERT INTO study_ledger (person_id, lesson_id, session_id, capture_id, from_at, to_at, seconds, valid, invalid_reason)
    VALUES (p_person, s.lesson_id, p_session, NULL, v_cursor - make_interval(secs => (v_part->>'seconds')::int), v_cursor,
            (v_part->>'seconds')::int, false, v_part->>'reason');
    v_cursor := v_cursor - make_interval(secs => (v_part->>'seconds')::int);
  END LOOP;
  -- Progress moves only forward; a heartbeat that does not move it (paused, hidden, re-watching) writes no row.
  IF a.furthest::int > s.furthest THEN
    UPDATE lesson_progress SET furthest_seconds = greatest(furthest_seconds, a.furthest::int), updated_at = p_now
     WHERE person_id = p_person AND lesson_id = s.lesson_id;
  END IF;

  RETURN jsonb_build_object(
    'outcome', 'ok',
    'credited', a.credited,
    'refused', a.invalid,
    'positionRefused', a.position_refused,
    'furthestSeconds', greatest(s.furthest, a.furthest),
    'lessonCreditedSeconds', v_for_lesson + a.credited,
    'todayCreditedSeconds', v_today + a.credited,
    'capture', CASE WHEN v_pending_id IS NOT NULL AND v_pending_due <= p_now THEN jsonb_build_object(
      'id', v_pending_id,
      'dueAtMs', extract(epoch FROM v_pending_due) * 1000,
      'windowEndsAtMs', extract(epoch FROM v_pending_ends) * 1000) END);
END;
$$;
--> statement-breakpoint
-- A final passing result (pass-rules.ts verdict(): 三类 theory ≥ the safety mark; 特种 theory ≥ its mark,
-- then practical ≥ its mark; absent or not yet entered is no pass). Held to verdict() by a test.
CREATE OR REPLACE FUNCTION agt_passed(
  p_category text, p_theory_tenths int, p_theory_absent boolean, p_practical_tenths int, p_practical_absent boolean,
  p_safety_categories text[], p_mark_safety double precision, p_mark_theory double precision, p_mark_practical double precision
) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN p_theory_absent OR p_theory_tenths IS NULL THEN false
    WHEN p_category = ANY(p_safety_categories) THEN p_theory_tenths / 10.0 >= p_mark_safety
    WHEN p_theory_tenths / 10.0 < p_mark_theory OR p_practical_absent OR p_practical_tenths IS NULL THEN false
    ELSE p_practical_tenths / 10.0 >= p_mark_practical
  END
$$;
--> statement-breakpoint
-- 申请考场 (apply-for-exam.ts) in one call: the room's state and window, a free seat (a full room
-- answers before any write), the candidate's approved registration there for one of the room's
-- categories, no earlier pass, the hours, one live application per registration, then a free seat
-- row taken with FOR UPDATE SKIP LOCKED and the audit event — all in the call's transaction, so
-- however many processes race a room never holds more than its capacity. Messages are the caller's.
CREATE OR REPLACE FUNCTION agt_apply_for_exam(
  p_session uuid, p_person uuid, p_now timestamptz,
  p_required_hours jsonb, p_default_hours double precision, p_seconds_per_hour int,
  p_safety_categories text[], p_mark_safety double precision, p_mark_theory double precision, p_mark_practical double precision,
  p_actor_account uuid, p_actor_role text, p_actor_name text, p_ip text
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  s record;
  r record;
  v_required double precision;
  v_application uuid;
  v_seat int;
  v_ticket text;
BEGIN
  SELECT id, status, applications_open_at, applications_close_at, jurisdiction_code, year, sequence INTO s
    FROM exam_sessions WHERE id = p_session;
  IF NOT FOUND OR s.status = 'draft' THEN RETURN jsonb_build_object('outcome', 'not_found'); END IF;
  IF s.status <> 'published' THEN RETURN jsonb_build_object('outcome', 'closed'); END IF;
  IF p_now < s.applications_open_at THEN RETURN jsonb_build_object('outcome', 'not_open'); END IF;
  IF p_now > s.applications_close_at THEN RETURN jsonb_build_object('outcome', 'past'); END IF;
  -- In a rush most requests end here, before any write.
  PERFORM 1 FROM exam_seats WHERE session_id = p_session AND application_id IS NULL LIMIT 1;
  IF NOT FOUND THEN RETURN jsonb_build_object('outcome', 'full'); END IF;

  SELECT reg.id, reg.category,
         EXISTS (SELECT 1 FROM exam_applications a JOIN exam_scores sc ON sc.application_id = a.id
                  WHERE a.registration_id = reg.id AND a.status = 'completed'
                    AND agt_passed(a.category, sc.theory_score_tenths, sc.theory_absent, sc.practical_score_tenths, sc.practical_absent,
                                   p_safety_categories, p_mark_safety, p_mark_theory, p_mark_practical)) AS passed,
         -- The plan hours (study-progress.ts planSecondsOfRegistration): valid ledger seconds in the
         -- published, non-continuing courses of the registration's category.
         coalesce((SELECT sum(l.seconds) FROM study_ledger l
                    WHERE l.person_id = reg.person_id AND l.valid
                      AND l.lesson_id IN (SELECT ls.id FROM lessons ls JOIN course_categories cc ON cc.course_id = ls.course_id
                                           JOIN courses c ON c.id = ls.course_id
                                          WHERE cc.category = reg.category AND c.published AND NOT c.continuing)), 0)::int AS done
    INTO r
    FROM registrations reg
   WHERE reg.person_id = p_person AND reg.status = 'approved' AND reg.deleted_at IS NULL
     AND reg.jurisdiction_code = s.jurisdiction_code
     AND reg.category IN (SELECT category FROM exam_session_categories WHERE session_id = p_session)
   LIMIT 1;
  IF NOT FOUND THEN RETURN jsonb_build_object('outcome', 'no_registration'); END IF;
  IF r.passed THEN RETURN jsonb_build_object('outcome', 'passed'); END IF;
  v_required := coalesce((p_required_hours->>r.category)::double precision, p_default_hours);
  IF r.done < v_required * p_seconds_per_hour THEN
    RETURN jsonb_build_object('outcome', 'hours', 'doneSeconds', r.done, 'requiredHours', v_required);
  END IF;

  INSERT INTO exam_applications (session_id, registration_id, person_id, jurisdiction_code, category)
  VALUES (p_session, r.id, p_person, s.jurisdiction_code, r.category)
  ON CONFLICT (registration_id) WHERE status IN ('active', 'withdrawal_requested') DO NOTHING
  RETURNING id INTO v_application;
  IF v_application IS NULL THEN RETURN jsonb_build_object('outcome', 'duplicate'); END IF;

  UPDATE exam_seats SET application_id = v_application
   WHERE (session_id, seat_number) = (
     SELECT session_id, seat_number FROM exam_seats
      WHERE session_id = p_session AND application_id IS NULL
      ORDER BY seat_number LIMIT 1 FOR UPDATE SKIP LOCKED)
  RETURNING seat_number INTO v_seat;
  IF v_seat IS NULL THEN
    -- The last seats went to others meanwhile: this application never existed.
    DELETE FROM exam_applications WHERE id = v_application;
    RETURN jsonb_build_object('outcome', 'full');
  END IF;
  -- exam-session.ts ticketNumber(): year, jurisdiction, session sequence (3 digits), seat (3 digits).
  v_ticket := s.year::text || s.jurisdiction_code || lpad(s.sequence::text, 3, '0') || lpad(v_seat::text, 3, '0');
  UPDATE exam_applications SET seat_number = v_seat, ticket_number = v_ticket WHERE id = v_application;
  INSERT INTO audit_events (actor_account_id, actor_role, actor_name, ip, action, target_type, target_id, outcome, jurisdiction_code, detail)
  VALUES (p_actor_account, p_actor_role, p_actor_name, p_ip, 'exam_application.applied', 'exam_application', v_application::text, 'success',
          s.jurisdiction_code, jsonb_build_object('sessionId', p_session, 'seatNumber', v_seat));
  RETURN jsonb_build_object('outcome', 'applied', 'id', v_application, 'seatNumber', v_seat, 'ticketNumber', v_ticket);
END;
$$;
