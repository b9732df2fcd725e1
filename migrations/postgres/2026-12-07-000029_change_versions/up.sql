-- A version number per cached view, raised by every committed write to the tables the view
-- reads, so every instance sharing the database sees at once that what it keeps is out of date.
-- 'grading' covers the owner's grading page: reviews, the allocation queue, moderation, the
-- pool, cohorts, and the names and addresses of people.
CREATE TABLE change_versions (
    name TEXT PRIMARY KEY NOT NULL,
    version BIGINT NOT NULL DEFAULT 0
);
INSERT INTO change_versions (name, version) VALUES ('grading', 0);
-- Raised once per transaction, when it commits (a deferred constraint trigger): the row is
-- locked for an instant at the end, never while the transaction waits for other locks.
CREATE FUNCTION change_versions_raise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('qualify.raised_' || TG_ARGV[0], true) IS DISTINCT FROM '1' THEN
        UPDATE change_versions SET version = version + 1 WHERE name = TG_ARGV[0];
        PERFORM set_config('qualify.raised_' || TG_ARGV[0], '1', true);
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER reviews_grading AFTER INSERT OR UPDATE OR DELETE ON reviews
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION change_versions_raise('grading');
CREATE CONSTRAINT TRIGGER allocation_queue_grading AFTER INSERT OR UPDATE OR DELETE ON allocation_queue
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION change_versions_raise('grading');
CREATE CONSTRAINT TRIGGER moderation_items_grading AFTER INSERT OR UPDATE OR DELETE ON moderation_items
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION change_versions_raise('grading');
CREATE CONSTRAINT TRIGGER cotrainers_grading AFTER INSERT OR UPDATE OR DELETE ON cotrainers
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION change_versions_raise('grading');
CREATE CONSTRAINT TRIGGER cohort_cotrainers_grading AFTER INSERT OR UPDATE OR DELETE ON cohort_cotrainers
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION change_versions_raise('grading');
CREATE CONSTRAINT TRIGGER cohorts_grading AFTER INSERT OR UPDATE OR DELETE ON cohorts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION change_versions_raise('grading');
CREATE CONSTRAINT TRIGGER people_grading AFTER UPDATE OF name, email ON people
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION change_versions_raise('grading');
