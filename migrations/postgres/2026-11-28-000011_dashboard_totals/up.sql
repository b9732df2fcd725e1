-- Running totals kept by the changes themselves (src/db/models/enrollment_totals.rs,
-- Review::save), so the program dashboard reads a few indexes instead of counting every
-- trainee's passed work, first versions and certificates and every review's turnaround.
ALTER TABLE enrollments ADD COLUMN passed_required INTEGER NOT NULL DEFAULT 0;
ALTER TABLE enrollments ADD COLUMN certified_at TIMESTAMP;
ALTER TABLE enrollments ADD COLUMN handed_in INTEGER NOT NULL DEFAULT 0;
ALTER TABLE enrollments ADD COLUMN handed_in_late INTEGER NOT NULL DEFAULT 0;
UPDATE enrollments SET passed_required = p.n FROM (SELECT s.enrollment_id AS id, COUNT(*) AS n
    FROM submissions s JOIN assignments a ON a.id = s.assignment_id
    WHERE s.state = 'passed' AND a.required GROUP BY s.enrollment_id) AS p
  WHERE p.id = enrollments.id;
UPDATE enrollments SET handed_in = h.n, handed_in_late = h.late FROM (SELECT s.enrollment_id AS id,
    COUNT(*) AS n, SUM(CASE WHEN v.late THEN 1 ELSE 0 END) AS late
    FROM submission_versions v JOIN submissions s ON s.id = v.submission_id
    WHERE v.number = 1 GROUP BY s.enrollment_id) AS h
  WHERE h.id = enrollments.id;
UPDATE enrollments SET certified_at = x.first FROM (SELECT enrollment_id AS id,
    MIN(issued_at) AS first FROM certificates
    WHERE status <> 'revoked' AND enrollment_id IS NOT NULL GROUP BY enrollment_id) AS x
  WHERE x.id = enrollments.id;
CREATE INDEX enrollments_totals ON enrollments
    (cohort_id, state, passed_required, handed_in, handed_in_late, certified_at);
ALTER TABLE reviews ADD COLUMN turnaround_minutes INTEGER;
UPDATE reviews SET turnaround_minutes = TRUNC(EXTRACT(EPOCH FROM (completed_at - allocated_at)) / 60)::INTEGER WHERE completed_at IS NOT NULL;
DROP INDEX reviews_cohort;
CREATE INDEX reviews_cohort ON reviews (cohort_id, state, completed_at, turnaround_minutes);
