-- Running totals kept by the changes themselves (src/db/models/enrollment_totals.rs,
-- Review::save), so the program dashboard reads a few indexes instead of counting every
-- trainee's passed work and certificates and every review's turnaround.
ALTER TABLE enrollments ADD COLUMN passed_required INTEGER NOT NULL DEFAULT 0;
ALTER TABLE enrollments ADD COLUMN certified_at TIMESTAMP;
UPDATE enrollments SET passed_required = p.n FROM (SELECT s.enrollment_id AS id, COUNT(*) AS n
    FROM submissions s JOIN assignments a ON a.id = s.assignment_id
    WHERE s.state = 'passed' AND a.required GROUP BY s.enrollment_id) AS p
  WHERE p.id = enrollments.id;
UPDATE enrollments SET certified_at = x.first FROM (SELECT enrollment_id AS id,
    MIN(issued_at) AS first FROM certificates
    WHERE status <> 'revoked' AND enrollment_id IS NOT NULL GROUP BY enrollment_id) AS x
  WHERE x.id = enrollments.id;
CREATE INDEX enrollments_progress ON enrollments (cohort_id, state, passed_required);
CREATE INDEX enrollments_certified ON enrollments (cohort_id, certified_at);
ALTER TABLE reviews ADD COLUMN turnaround_minutes INTEGER;
UPDATE reviews SET turnaround_minutes = CAST(ROUND((julianday(completed_at) - julianday(allocated_at)) * 86400) AS INTEGER) / 60 WHERE completed_at IS NOT NULL;
DROP INDEX reviews_cohort;
CREATE INDEX reviews_cohort ON reviews (cohort_id, state, completed_at, turnaround_minutes);
