-- A cohort's roster without work that grows with it: the number of active trainees kept on
-- the cohort, and each enrollment carrying its person's name for paging the roster by name
-- from an index. Triggers keep both in step with every writer, bulk imports included.
ALTER TABLE cohorts ADD COLUMN active_trainees INTEGER NOT NULL DEFAULT 0;
UPDATE cohorts SET active_trainees = (
    SELECT COUNT(*) FROM enrollments e WHERE e.cohort_id = cohorts.id AND e.state = 'active'
);
CREATE TRIGGER cohorts_trainees_insert AFTER INSERT ON enrollments WHEN new.state = 'active'
BEGIN
    UPDATE cohorts SET active_trainees = active_trainees + 1 WHERE id = new.cohort_id;
END;
CREATE TRIGGER cohorts_trainees_delete AFTER DELETE ON enrollments WHEN old.state = 'active'
BEGIN
    UPDATE cohorts SET active_trainees = active_trainees - 1 WHERE id = old.cohort_id;
END;
CREATE TRIGGER cohorts_trainees_update AFTER UPDATE OF state, cohort_id ON enrollments
WHEN old.state IS NOT new.state OR old.cohort_id IS NOT new.cohort_id
BEGIN
    UPDATE cohorts SET active_trainees = active_trainees - 1
    WHERE id = old.cohort_id AND old.state = 'active';
    UPDATE cohorts SET active_trainees = active_trainees + 1
    WHERE id = new.cohort_id AND new.state = 'active';
END;

ALTER TABLE enrollments ADD COLUMN person_name TEXT NOT NULL DEFAULT '';
UPDATE enrollments SET person_name = (SELECT p.name FROM people p WHERE p.id = enrollments.person_id);
CREATE INDEX enrollments_cohort_name ON enrollments (cohort_id, person_name, person_id);
CREATE TRIGGER enrollments_name_insert AFTER INSERT ON enrollments BEGIN
    UPDATE enrollments SET person_name = (SELECT p.name FROM people p WHERE p.id = new.person_id)
    WHERE id = new.id;
END;
CREATE TRIGGER enrollments_name_follow AFTER UPDATE OF name ON people
WHEN old.name IS NOT new.name
BEGIN
    UPDATE enrollments SET person_name = new.name WHERE person_id = new.id;
END;
