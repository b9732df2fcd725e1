DROP TABLE trainee_pseudonyms;
DROP INDEX cohort_cotrainers_person;
DROP INDEX cotrainers_person;
DROP TABLE moderation_items;
DROP TABLE allocation_queue;
DROP TABLE review_events;
DROP TABLE review_scores;
DROP TABLE reviews;
CREATE TABLE reviews (
    id TEXT PRIMARY KEY NOT NULL,
    submission_version_id TEXT NOT NULL REFERENCES submission_versions(id),
    reviewer_id TEXT NOT NULL REFERENCES people(id),
    state TEXT NOT NULL DEFAULT 'allocated',
    allocation_reason TEXT NOT NULL,
    allocated_at TIMESTAMP NOT NULL,
    due_at TIMESTAMP NOT NULL,
    started_at TIMESTAMP,
    completed_at TIMESTAMP,
    decision TEXT,
    total_points INTEGER,
    feedback TEXT,
    lock_version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (submission_version_id, reviewer_id)
);
CREATE INDEX reviews_reviewer ON reviews (reviewer_id, state);
CREATE INDEX reviews_due ON reviews (state, due_at);
CREATE TABLE review_scores (
    id TEXT PRIMARY KEY NOT NULL,
    review_id TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    criterion_id TEXT NOT NULL REFERENCES rubric_criteria(id),
    level_id TEXT NOT NULL REFERENCES rubric_levels(id),
    points INTEGER NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    UNIQUE (review_id, criterion_id)
);
ALTER TABLE submission_versions DROP COLUMN moderation_note;
ALTER TABLE submission_versions DROP COLUMN decided_at;
ALTER TABLE submission_versions DROP COLUMN points;
ALTER TABLE submission_versions DROP COLUMN decision;
ALTER TABLE curriculum_versions DROP COLUMN reallocate_overdue;
ALTER TABLE curriculum_versions DROP COLUMN moderation_sample_percent;
ALTER TABLE curriculum_versions DROP COLUMN reveal_reviewer;
ALTER TABLE curriculum_versions DROP COLUMN anonymous_grading;
