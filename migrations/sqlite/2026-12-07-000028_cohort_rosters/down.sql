DROP TRIGGER enrollments_name_follow;
DROP TRIGGER enrollments_name_insert;
DROP INDEX enrollments_cohort_name;
ALTER TABLE enrollments DROP COLUMN person_name;
DROP TRIGGER cohorts_trainees_update;
DROP TRIGGER cohorts_trainees_delete;
DROP TRIGGER cohorts_trainees_insert;
ALTER TABLE cohorts DROP COLUMN active_trainees;
