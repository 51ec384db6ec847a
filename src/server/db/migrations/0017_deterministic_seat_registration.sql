-- agt_apply_for_exam (migration 0014) took "one" matching registration with LIMIT 1 and no order: a
-- person approved in two of a room's categories could be refused for the one that was not ready.
-- Same function, the registration chosen deterministically.
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

  -- Of the candidate's approved registrations there for the room's categories, the one that can take
  -- the seat (not passed, no live application, hours reached) comes first; otherwise the one whose
  -- refusal says the most (not passed, then no live application, then the most hours). The screen's
  -- 申请 policy (list-exams.ts) decides the same way.
  SELECT * INTO r FROM (
    SELECT reg.id, reg.category,
           EXISTS (SELECT 1 FROM exam_applications a JOIN exam_scores sc ON sc.application_id = a.id
                    WHERE a.registration_id = reg.id AND a.status = 'completed'
                      AND agt_passed(a.category, sc.theory_score_tenths, sc.theory_absent, sc.practical_score_tenths, sc.practical_absent,
                                     p_safety_categories, p_mark_safety, p_mark_theory, p_mark_practical)) AS passed,
           EXISTS (SELECT 1 FROM exam_applications a WHERE a.registration_id = reg.id AND a.status IN ('active', 'withdrawal_requested')) AS live,
           coalesce((p_required_hours->>reg.category)::double precision, p_default_hours) AS required,
           -- The plan hours (study-progress.ts planSecondsOfRegistration): valid ledger seconds in the
           -- published, non-continuing courses of the registration's category.
           coalesce((SELECT sum(l.seconds) FROM study_ledger l
                      WHERE l.person_id = reg.person_id AND l.valid
                        AND l.lesson_id IN (SELECT ls.id FROM lessons ls JOIN course_categories cc ON cc.course_id = ls.course_id
                                             JOIN courses c ON c.id = ls.course_id
                                            WHERE cc.category = reg.category AND c.published AND NOT c.continuing)), 0)::int AS done
      FROM registrations reg
     WHERE reg.person_id = p_person AND reg.status = 'approved' AND reg.deleted_at IS NULL
       AND reg.jurisdiction_code = s.jurisdiction_code
       AND reg.category IN (SELECT category FROM exam_session_categories WHERE session_id = p_session)
  ) c
  ORDER BY (NOT c.passed AND NOT c.live AND c.done >= c.required * p_seconds_per_hour) DESC, (NOT c.passed) DESC, (NOT c.live) DESC, c.done DESC, c.id
  LIMIT 1;
  IF NOT FOUND THEN RETURN jsonb_build_object('outcome', 'no_registration'); END IF;
  IF r.passed THEN RETURN jsonb_build_object('outcome', 'passed'); END IF;
  v_required := r.required;
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
