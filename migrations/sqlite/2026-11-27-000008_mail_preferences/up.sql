-- Which kinds of non-essential mail a person receives (absent row: the default, on).
CREATE TABLE mail_preferences (
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    enabled BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (person_id, kind)
);
