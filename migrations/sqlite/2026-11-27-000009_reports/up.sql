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

-- Aggregates read only these columns, so they scan small indexes instead of wide rows
-- (feedback and submission texts): the grading figures, on-time rates and turnaround.
CREATE INDEX reviews_figures ON reviews (state, reviewer_id, cohort_id, due_at, allocated_at, completed_at, rating);
CREATE INDEX submission_versions_first ON submission_versions (number, submission_id, late);
CREATE INDEX submissions_of_enrollment ON submissions (id, enrollment_id, state, assignment_id);
