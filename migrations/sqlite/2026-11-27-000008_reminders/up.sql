-- Which kinds of non-essential mail a person receives (absent row: the default, on).
CREATE TABLE mail_preferences (
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    enabled BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (person_id, kind)
);

-- Every reminder item sent (in a digest), so none is sent twice; keyed like
-- `due1:{enrollment}:{assignment}`.
CREATE TABLE reminder_log (
    key TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL
);
