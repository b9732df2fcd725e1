-- The cohort of a piece of work, copied from its enrollment (and moved with it), so
-- the dashboard counts a program's work by cohort from small indexes instead of joining
-- every submission to its enrollment. (SQLite cannot add a column with a foreign key and a
-- default; the code sets it from the enrollment.)
ALTER TABLE submissions ADD COLUMN cohort_id TEXT NOT NULL DEFAULT '';
UPDATE submissions SET cohort_id = (
    SELECT e.cohort_id FROM enrollments e WHERE e.id = submissions.enrollment_id
);
ALTER TABLE submission_versions ADD COLUMN cohort_id TEXT NOT NULL DEFAULT '';
UPDATE submission_versions SET cohort_id = (
    SELECT s.cohort_id FROM submissions s WHERE s.id = submission_versions.submission_id
);
CREATE INDEX submissions_cohort_state ON submissions (cohort_id, state, enrollment_id, assignment_id);
CREATE INDEX submission_versions_cohort ON submission_versions (cohort_id, number, late);
CREATE INDEX enrollments_cohort_state ON enrollments (cohort_id, state, id);
CREATE INDEX enrollments_cohort_of ON enrollments (id, cohort_id);
CREATE INDEX certificates_of_enrollment ON certificates (enrollment_id, status, issued_at);
DROP INDEX certificates_enrollment;
DROP INDEX reviews_cohort;
CREATE INDEX reviews_cohort ON reviews (cohort_id, state, completed_at, allocated_at);
