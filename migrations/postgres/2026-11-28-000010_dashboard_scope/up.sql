-- The cohort of a piece of work, copied from its enrollment (and moved with it), so
-- the dashboard counts a program's work by cohort from small indexes instead of joining
-- every submission to its enrollment.
ALTER TABLE submissions ADD COLUMN cohort_id TEXT REFERENCES cohorts(id);
UPDATE submissions s SET cohort_id = e.cohort_id FROM enrollments e WHERE e.id = s.enrollment_id;
ALTER TABLE submissions ALTER COLUMN cohort_id SET NOT NULL;
ALTER TABLE submission_versions ADD COLUMN cohort_id TEXT REFERENCES cohorts(id);
UPDATE submission_versions v SET cohort_id = s.cohort_id FROM submissions s WHERE s.id = v.submission_id;
ALTER TABLE submission_versions ALTER COLUMN cohort_id SET NOT NULL;
CREATE INDEX submissions_cohort_state ON submissions (cohort_id, state, enrollment_id, assignment_id);
CREATE INDEX submission_versions_cohort ON submission_versions (cohort_id, number, late);
CREATE INDEX enrollments_cohort_state ON enrollments (cohort_id, state, id);
CREATE INDEX enrollments_cohort_of ON enrollments (id, cohort_id);
CREATE INDEX certificates_of_enrollment ON certificates (enrollment_id, status, issued_at);
DROP INDEX certificates_enrollment;
DROP INDEX reviews_cohort;
CREATE INDEX reviews_cohort ON reviews (cohort_id, state, completed_at, allocated_at);
