ALTER TABLE reviews DROP COLUMN version_number;
ALTER TABLE reviews DROP COLUMN enrollment_id;
ALTER TABLE reviews DROP COLUMN assignment_id;
ALTER TABLE reviews DROP COLUMN trainee_id;
