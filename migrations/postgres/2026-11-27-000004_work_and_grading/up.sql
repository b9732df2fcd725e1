-- A trainee's work on one assignment (one submission with its versions and attachments), and
-- the reviews of each version with their rubric scores.
CREATE TABLE submissions (
    id TEXT PRIMARY KEY NOT NULL,
    enrollment_id TEXT NOT NULL REFERENCES enrollments(id),
    assignment_id TEXT NOT NULL REFERENCES assignments(id),
    state TEXT NOT NULL DEFAULT 'draft',
    draft_body TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL,
    current_version INTEGER NOT NULL DEFAULT 0,
    lock_version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (enrollment_id, assignment_id)
);
CREATE INDEX submissions_state ON submissions (state);

CREATE TABLE submission_versions (
    id TEXT PRIMARY KEY NOT NULL,
    submission_id TEXT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    body TEXT NOT NULL,
    submitted_at TIMESTAMP NOT NULL,
    late BOOLEAN NOT NULL,
    UNIQUE (submission_id, number)
);

CREATE TABLE attachments (
    id TEXT PRIMARY KEY NOT NULL,
    submission_id TEXT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    submission_version_id TEXT REFERENCES submission_versions(id),
    original_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    storage_key TEXT NOT NULL UNIQUE,
    uploaded_by TEXT NOT NULL REFERENCES people(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX attachments_submission ON attachments (submission_id);

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
