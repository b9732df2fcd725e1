-- Substring search for the owner's lists ("contains, any case") without scanning the tables:
-- trigram indexes (pg_trgm, a trusted extension since PostgreSQL 13) on exactly the
-- expressions the lists compare with LIKE, so the planner uses them for '%text%'.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX people_name_trgm ON people USING gin (lower(name) gin_trgm_ops);
CREATE INDEX people_email_trgm ON people USING gin (email_normalized gin_trgm_ops);
CREATE INDEX certificates_holder_trgm ON certificates USING gin (lower(holder_name) gin_trgm_ops);
