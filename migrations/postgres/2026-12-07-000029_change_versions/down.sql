DROP TRIGGER people_grading ON people;
DROP TRIGGER reviews_grading ON reviews;
DROP TRIGGER allocation_queue_grading ON allocation_queue;
DROP TRIGGER moderation_items_grading ON moderation_items;
DROP TRIGGER cotrainers_grading ON cotrainers;
DROP TRIGGER cohort_cotrainers_grading ON cohort_cotrainers;
DROP TRIGGER cohorts_grading ON cohorts;
DROP FUNCTION change_versions_raise();
DROP TABLE change_versions;
