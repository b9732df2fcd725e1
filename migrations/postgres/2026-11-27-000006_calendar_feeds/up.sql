-- A personal iCalendar feed per person: the secret URL's token is stored only as a hash;
-- replacing the row revokes the old URL.
CREATE TABLE calendar_feeds (
    person_id TEXT PRIMARY KEY NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);
