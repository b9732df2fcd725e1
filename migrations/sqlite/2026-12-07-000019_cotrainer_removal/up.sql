-- When the owner took a co-trainer out of the pool (or a revocation did): only the owner
-- puts them back.
ALTER TABLE cotrainers ADD COLUMN removed_at TIMESTAMP;
