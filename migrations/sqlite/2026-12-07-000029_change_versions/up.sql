-- A version number per cached view, raised by every write to the tables the view reads, so
-- every instance sharing the database sees at once that what it keeps is out of date.
-- 'grading' covers the owner's grading page: reviews, the allocation queue, moderation, the
-- pool, cohorts, and the names and addresses of people.
CREATE TABLE change_versions (
    name TEXT PRIMARY KEY NOT NULL,
    version BIGINT NOT NULL DEFAULT 0
);
INSERT INTO change_versions (name, version) VALUES ('grading', 0);
CREATE TRIGGER reviews_grading_insert AFTER INSERT ON reviews BEGIN
    UPDATE change_versions SET version = version + 1 WHERE name = 'grading';
END;
CREATE TRIGGER reviews_grading_update AFTER UPDATE ON reviews BEGIN
    UPDATE change_versions SET version = version + 1 WHERE name = 'grading';
END;
CREATE TRIGGER reviews_grading_delete AFTER DELETE ON reviews BEGIN
    UPDATE change_versions SET version = version + 1 WHERE name = 'grading';
END;
CREATE TRIGGER allocation_queue_grading_insert AFTER INSERT ON allocation_queue BEGIN
    UPDATE change_versions SET version = version + 1 WHERE name = 'grading';
END;
CREATE TRIGGER allocation_queue_grading_update AFTER UPDATE ON allocation_queue BEGIN
    UPDATE change_versions SET version = version + 1 WHERE name = 'grading';
END;
CREATE TRIGGER allocation_queue_grading_delete AFTER DELETE ON allocation_queue BEGIN
    UPDATE change_versions SET version = version + 1 WHERE name = 'grading';
END;
CREATE TRIGGER moderation_items_grading_insert AFTER INSERT ON moderation_items BEGIN
    UPDATE change_versions SET version = version + 1 WHERE name = 'grading';
END;
CREATE TRIGGER moderation_items_grading_update AFTER UPDATE ON moderation_items BEGIN
    UPDATE change_versions SET version = version + 1 WHERE name = 'grading';
END;
CREATE TRIGGER moderation_items_grading_delete AFTER DELETE ON moderation_items BEGIN
    UPDATE change_versions SET version = version + 1 WHERE name = 'grading';
END;
CREATE TRIGGER cotrainers_grading_insert AFTER INSERT ON cotrainers BEGIN
    UPDATE change_versions SET version = version + 1 WHERE name = 'grading';
END;
CREATE TRIGGER cotrainers_grading_update AFTER UPDATE ON cotrainers BEGIN
    UPDATE change_versions SET version = version + 1 WHERE name = 'grading';
END;
CREATE TRIGGER cotrainers_grading_delete AFTER DELETE ON cotrainers BEGIN
    UPDATE change_versions SET version = version + 1 WHERE name = 'grading';
END;
CREATE TRIGGER cohort_cotrainers_grading_insert AFTER INSERT ON cohort_cotrainers BEGIN
    UPDATE change_versions SET version = version + 1 WHERE name = 'grading';
END;
CREATE TRIGGER cohort_cotrainers_grading_update AFTER UPDATE ON cohort_cotrainers BEGIN
    UPDATE change_versions SET version = version + 1 WHERE name = 'grading';
END;
CREATE TRIGGER cohort_cotrainers_grading_delete AFTER DELETE ON cohort_cotrainers BEGIN
    UPDATE change_versions SET version = version + 1 WHERE name = 'grading';
END;
CREATE TRIGGER cohorts_grading_insert AFTER INSERT ON cohorts BEGIN
    UPDATE change_versions SET version = version + 1 WHERE name = 'grading';
END;
CREATE TRIGGER cohorts_grading_update AFTER UPDATE ON cohorts BEGIN
    UPDATE change_versions SET version = version + 1 WHERE name = 'grading';
END;
CREATE TRIGGER cohorts_grading_delete AFTER DELETE ON cohorts BEGIN
    UPDATE change_versions SET version = version + 1 WHERE name = 'grading';
END;
CREATE TRIGGER people_grading_update AFTER UPDATE OF name, email ON people BEGIN
    UPDATE change_versions SET version = version + 1 WHERE name = 'grading';
END;
