-- Files attached to a mail (the monthly certification register), frozen at enqueue so a
-- retry sends exactly the same message.
CREATE TABLE outbox_attachments (
    id TEXT PRIMARY KEY NOT NULL,
    outbox_id TEXT NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    data BLOB NOT NULL
);
CREATE INDEX outbox_attachments_mail ON outbox_attachments (outbox_id);

-- The register is read in order of issue; progress looks certificates up per enrollment;
-- the dashboard counts passed work per enrollment.
CREATE INDEX certificates_issued ON certificates (issued_at, id);
CREATE INDEX certificates_enrollment ON certificates (enrollment_id);
CREATE INDEX submissions_passed ON submissions (state, enrollment_id);
