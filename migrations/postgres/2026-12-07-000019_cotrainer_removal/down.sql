ALTER TABLE cotrainers DROP COLUMN removed_at;
