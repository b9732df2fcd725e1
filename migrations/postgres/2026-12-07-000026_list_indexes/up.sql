-- Every long list reads a page by key in its order (keyset paging): these indexes hold the
-- orders, so a page costs one index range however many rows the table has.
CREATE INDEX people_by_name ON people (name, id);
CREATE INDEX people_by_created ON people (created_at, id);
CREATE INDEX people_by_unit ON people (org_unit, name, id);
CREATE INDEX outbox_by_created ON outbox (created_at, id);
CREATE INDEX outbox_by_status ON outbox (status, created_at, id);
CREATE INDEX audit_log_by_at ON audit_log (at, id);
CREATE INDEX audit_log_by_action ON audit_log (action, at, id);
CREATE INDEX audit_log_by_object ON audit_log (object_id, at, id);
CREATE INDEX cohorts_by_start ON cohorts (starts_on, id);
CREATE INDEX cohorts_by_state ON cohorts (state, starts_on, id);
CREATE INDEX allocation_queue_by_age ON allocation_queue (queued_at, submission_version_id, slot);
