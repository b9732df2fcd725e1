-- Grading: the program's grading policy per curriculum version, reviews (one per grader and
-- slot of a submitted version, reassignment keeps the old row), their scores and history, the
-- queue of versions nobody could take yet, moderation items (disagreement, sample, dispute)
-- and the stable pseudonyms co-trainers see under anonymous grading.
ALTER TABLE curriculum_versions ADD COLUMN anonymous_grading BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE curriculum_versions ADD COLUMN reveal_reviewer BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE curriculum_versions ADD COLUMN moderation_sample_percent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE curriculum_versions ADD COLUMN reallocate_overdue BOOLEAN NOT NULL DEFAULT FALSE;

ALTER TABLE submission_versions ADD COLUMN decision TEXT;
ALTER TABLE submission_versions ADD COLUMN points INTEGER;
ALTER TABLE submission_versions ADD COLUMN decided_at TIMESTAMP;
ALTER TABLE submission_versions ADD COLUMN moderation_note TEXT;

DROP TABLE review_scores;
DROP TABLE reviews;

CREATE TABLE reviews (
    id TEXT PRIMARY KEY NOT NULL,
    submission_version_id TEXT NOT NULL REFERENCES submission_versions(id),
    -- submission_id and cohort_id repeat what the version implies (for queues and figures);
    -- they carry no foreign keys of their own, which halves the checks on bulk allocation.
    submission_id TEXT NOT NULL,
    cohort_id TEXT NOT NULL,
    reviewer_id TEXT NOT NULL REFERENCES people(id),
    slot INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'allocated',
    allocation_reason TEXT NOT NULL,
    allocated_at TIMESTAMP NOT NULL,
    due_at TIMESTAMP NOT NULL,
    started_at TIMESTAMP,
    completed_at TIMESTAMP,
    decision TEXT,
    total_points INTEGER,
    feedback TEXT NOT NULL DEFAULT '',
    override_reason TEXT NOT NULL DEFAULT '',
    escalated_at TIMESTAMP,
    rating INTEGER,
    rated_at TIMESTAMP,
    lock_version INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX reviews_active_slot ON reviews (submission_version_id, slot) WHERE state <> 'reassigned';
CREATE INDEX reviews_reviewer ON reviews (reviewer_id, state, due_at);
CREATE INDEX reviews_due ON reviews (state, due_at);
CREATE INDEX reviews_submission ON reviews (submission_id);
CREATE INDEX reviews_cohort ON reviews (cohort_id, state);

CREATE TABLE review_scores (
    id TEXT PRIMARY KEY NOT NULL,
    review_id TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    criterion_id TEXT NOT NULL REFERENCES rubric_criteria(id),
    level_id TEXT NOT NULL REFERENCES rubric_levels(id),
    points INTEGER NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    UNIQUE (review_id, criterion_id)
);

CREATE TABLE review_events (
    id TEXT PRIMARY KEY NOT NULL,
    review_id TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    actor_id TEXT REFERENCES people(id),
    at TIMESTAMP NOT NULL,
    action TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX review_events_review ON review_events (review_id, at);

CREATE TABLE allocation_queue (
    submission_version_id TEXT NOT NULL REFERENCES submission_versions(id),
    slot INTEGER NOT NULL,
    cohort_id TEXT NOT NULL REFERENCES cohorts(id),
    queued_at TIMESTAMP NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (submission_version_id, slot)
);
CREATE INDEX allocation_queue_cohort ON allocation_queue (cohort_id, queued_at);

CREATE TABLE moderation_items (
    id TEXT PRIMARY KEY NOT NULL,
    submission_version_id TEXT NOT NULL REFERENCES submission_versions(id),
    cohort_id TEXT NOT NULL REFERENCES cohorts(id),
    reason TEXT NOT NULL,
    raised_by TEXT REFERENCES people(id),
    statement TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'open',
    created_at TIMESTAMP NOT NULL,
    resolved_by TEXT REFERENCES people(id),
    resolved_at TIMESTAMP,
    action TEXT,
    decision TEXT,
    note TEXT NOT NULL DEFAULT '',
    lock_version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (submission_version_id, reason)
);
CREATE INDEX moderation_items_open ON moderation_items (state, created_at);

CREATE INDEX cotrainers_person ON cotrainers (person_id);
CREATE INDEX cohort_cotrainers_person ON cohort_cotrainers (person_id);

CREATE TABLE trainee_pseudonyms (
    enrollment_id TEXT PRIMARY KEY NOT NULL REFERENCES enrollments(id) ON DELETE CASCADE,
    label TEXT NOT NULL
);
