-- The impact report as published at the end of each month (JSON, small figures already
-- withheld), so that an earlier month reads as it was.
CREATE TABLE impact_snapshots (
    month TEXT PRIMARY KEY NOT NULL,
    report TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
