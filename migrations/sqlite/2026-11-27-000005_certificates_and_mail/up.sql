-- Certificates are frozen records (holder name, titles and results copied at issue time).
-- At most one active certificate per person and program. The outbox holds every mail,
-- rendered at enqueue, unique by idempotency key, claimed by workers under a lease.
CREATE TABLE certificates (
    id TEXT PRIMARY KEY NOT NULL,
    public_id TEXT NOT NULL UNIQUE,
    person_id TEXT NOT NULL REFERENCES people(id),
    program_id TEXT NOT NULL REFERENCES programs(id),
    enrollment_id TEXT REFERENCES enrollments(id),
    curriculum_version_id TEXT NOT NULL REFERENCES curriculum_versions(id),
    holder_name TEXT NOT NULL,
    program_title_de TEXT NOT NULL,
    program_title_en TEXT NOT NULL,
    record TEXT NOT NULL,
    issued_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP,
    issued_by TEXT REFERENCES people(id),
    issue_reason TEXT,
    status TEXT NOT NULL DEFAULT 'active',
    revoked_at TIMESTAMP,
    revoked_reason TEXT,
    superseded_by TEXT REFERENCES certificates(id),
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX certificates_one_active ON certificates (person_id, program_id) WHERE status = 'active';
CREATE INDEX certificates_expiry ON certificates (status, expires_at);

CREATE TABLE outbox (
    id TEXT PRIMARY KEY NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    person_id TEXT REFERENCES people(id) ON DELETE SET NULL,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    message_id TEXT NOT NULL,
    headers TEXT NOT NULL DEFAULT '{}',
    context TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    lease_owner TEXT,
    lease_expires_at TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_person ON outbox (person_id, kind);
