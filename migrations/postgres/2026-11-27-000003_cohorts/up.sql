-- Cohorts pin a curriculum version; their schedule holds each module's unlock and due moment
-- (UTC). Enrollments tie trainees to cohorts; extensions move one trainee's deadline. The
-- co-trainer pool is per program, with capacity and languages, and is assigned per cohort.
CREATE TABLE cohorts (
    id TEXT PRIMARY KEY NOT NULL,
    program_id TEXT NOT NULL REFERENCES programs(id),
    curriculum_version_id TEXT NOT NULL REFERENCES curriculum_versions(id),
    name TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'planned',
    lock_version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX cohorts_program ON cohorts (program_id, state);

CREATE TABLE cohort_schedule (
    id TEXT PRIMARY KEY NOT NULL,
    cohort_id TEXT NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    module_id TEXT NOT NULL REFERENCES modules(id),
    unlock_at TIMESTAMP NOT NULL,
    due_at TIMESTAMP NOT NULL,
    UNIQUE (cohort_id, module_id)
);
CREATE INDEX cohort_schedule_due ON cohort_schedule (due_at);

CREATE TABLE cotrainers (
    id TEXT PRIMARY KEY NOT NULL,
    program_id TEXT NOT NULL REFERENCES programs(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    capacity INTEGER NOT NULL DEFAULT 5,
    languages TEXT NOT NULL DEFAULT 'de,en',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    source TEXT NOT NULL,
    lock_version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (program_id, person_id)
);

CREATE TABLE cotrainer_unavailability (
    id TEXT PRIMARY KEY NOT NULL,
    cotrainer_id TEXT NOT NULL REFERENCES cotrainers(id) ON DELETE CASCADE,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL
);

CREATE TABLE cohort_cotrainers (
    cohort_id TEXT NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people(id),
    added_at TIMESTAMP NOT NULL,
    PRIMARY KEY (cohort_id, person_id)
);

CREATE TABLE enrollments (
    id TEXT PRIMARY KEY NOT NULL,
    cohort_id TEXT NOT NULL REFERENCES cohorts(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    state TEXT NOT NULL DEFAULT 'active',
    lock_version INTEGER NOT NULL DEFAULT 1,
    enrolled_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (cohort_id, person_id)
);
CREATE INDEX enrollments_person ON enrollments (person_id);

CREATE TABLE extensions (
    id TEXT PRIMARY KEY NOT NULL,
    enrollment_id TEXT NOT NULL REFERENCES enrollments(id) ON DELETE CASCADE,
    assignment_id TEXT NOT NULL REFERENCES assignments(id),
    due_at TIMESTAMP NOT NULL,
    reason TEXT NOT NULL,
    granted_by TEXT REFERENCES people(id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (enrollment_id, assignment_id)
);
