ALTER TABLE reviews
    DROP COLUMN version_number,
    DROP COLUMN enrollment_id,
    DROP COLUMN assignment_id,
    DROP COLUMN trainee_id;
