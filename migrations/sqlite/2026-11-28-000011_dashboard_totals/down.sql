DROP INDEX reviews_cohort;
CREATE INDEX reviews_cohort ON reviews (cohort_id, state, completed_at, allocated_at);
ALTER TABLE reviews DROP COLUMN turnaround_minutes;
DROP INDEX enrollments_totals;
ALTER TABLE enrollments DROP COLUMN handed_in_late;
ALTER TABLE enrollments DROP COLUMN handed_in;
ALTER TABLE enrollments DROP COLUMN certified_at;
ALTER TABLE enrollments DROP COLUMN passed_required;
