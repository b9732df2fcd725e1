-- What a co-trainer's queue shows of each review, copied from the version it grades: the
-- version's number, its submission's enrollment and assignment, and the trainee. These never
-- change for a version, and with them the queue reads one index range of reviews and two
-- primary-key lookups per line (the trainee's name, the cohort) instead of five. SQLite adds a
-- NOT NULL column only with a default; every insert sets all four.
ALTER TABLE reviews ADD COLUMN version_number INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reviews ADD COLUMN enrollment_id TEXT NOT NULL DEFAULT '';
ALTER TABLE reviews ADD COLUMN assignment_id TEXT NOT NULL DEFAULT '';
ALTER TABLE reviews ADD COLUMN trainee_id TEXT NOT NULL DEFAULT '';
UPDATE reviews
SET version_number = v.number, enrollment_id = s.enrollment_id,
    assignment_id = s.assignment_id, trainee_id = e.person_id
FROM submission_versions v
JOIN submissions s ON s.id = v.submission_id
JOIN enrollments e ON e.id = s.enrollment_id
WHERE v.id = reviews.submission_version_id;
