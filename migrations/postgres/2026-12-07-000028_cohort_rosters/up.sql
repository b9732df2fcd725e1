-- A cohort's roster without work that grows with it: the number of active trainees kept on
-- the cohort, and each enrollment carrying its person's name for paging the roster by name
-- from an index. Triggers keep both in step with every writer, bulk imports included.
ALTER TABLE cohorts ADD COLUMN active_trainees INTEGER NOT NULL DEFAULT 0;
UPDATE cohorts SET active_trainees = (
    SELECT COUNT(*) FROM enrollments e WHERE e.cohort_id = cohorts.id AND e.state = 'active'
);
CREATE FUNCTION cohorts_count_trainees() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.state = 'active' THEN
        UPDATE cohorts SET active_trainees = active_trainees - 1 WHERE id = OLD.cohort_id;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.state = 'active' THEN
        UPDATE cohorts SET active_trainees = active_trainees + 1 WHERE id = NEW.cohort_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER cohorts_trainees_insert_delete AFTER INSERT OR DELETE ON enrollments
    FOR EACH ROW EXECUTE FUNCTION cohorts_count_trainees();
CREATE TRIGGER cohorts_trainees_update AFTER UPDATE OF state, cohort_id ON enrollments
    FOR EACH ROW
    WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.cohort_id IS DISTINCT FROM NEW.cohort_id)
    EXECUTE FUNCTION cohorts_count_trainees();

ALTER TABLE enrollments ADD COLUMN person_name TEXT NOT NULL DEFAULT '';
UPDATE enrollments SET person_name = p.name FROM people p WHERE p.id = enrollments.person_id;
CREATE INDEX enrollments_cohort_name ON enrollments (cohort_id, person_name, person_id);
CREATE FUNCTION enrollments_take_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.person_name := (SELECT p.name FROM people p WHERE p.id = NEW.person_id);
    RETURN NEW;
END $$;
CREATE TRIGGER enrollments_name_insert BEFORE INSERT ON enrollments
    FOR EACH ROW EXECUTE FUNCTION enrollments_take_name();
CREATE FUNCTION enrollments_follow_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE enrollments SET person_name = NEW.name WHERE person_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER enrollments_name_follow AFTER UPDATE OF name ON people
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION enrollments_follow_name();
