-- Indexes that do not depend on a bound value: a person's certificates, and a version's
-- reviews. The partial unique indexes (certificates_one_active, reviews_active_slot) keep
-- enforcing their rules, but a planner that does not look at bound values (SQLite with the
-- query planner stability guarantee, PostgreSQL's generic plans) cannot use them for
-- `status = ?` or `state <> ?`.
CREATE INDEX certificates_person ON certificates (person_id, program_id, status);
CREATE INDEX reviews_version ON reviews (submission_version_id, slot);
-- A co-trainer's open reviews in deadline order (queue page and count, capacity). Queries
-- write the condition with the states in the statement (src/db/models/review_open.rs).
CREATE INDEX reviews_open ON reviews (reviewer_id, due_at, id) WHERE state IN ('allocated', 'started');
